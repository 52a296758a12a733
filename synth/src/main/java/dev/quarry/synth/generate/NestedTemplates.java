package dev.quarry.synth.generate;

import dev.quarry.core.domain.Domain;
import static dev.quarry.core.sql.SqlIdentifiers.quoteIdent;

import dev.quarry.core.domain.PhraseCatalog;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Templates of the NESTED family: comparison with an overall average, NOT IN, IN with HAVING. */
final class NestedTemplates {
  private NestedTemplates() {}

  static List<Template> all() {
    return List.of(new AboveAverage(), new NotIn(), new AtLeast());
  }

  /** {@code SELECT COUNT(*) FROM t WHERE … AND m > (SELECT AVG(m) FROM t)} (or {@code <}). */
  static final class AboveAverage implements Template {
    @Override public String id() {
      return "nested-above-average";
    }

    @Override public QueryFamily family() {
      return QueryFamily.NESTED;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return AggregateTemplates.tablesWith(ctx, t -> GenContext.countable(t) && !ctx.measures(t).isEmpty());
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column m = GenContext.pick(ctx.measures(t), rng);
      boolean above = rng.nextInt(3) > 0;
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of()), t.name(), ctx.filterCount(rng, 1), rng);
      String sql = "SELECT COUNT(*) AS count FROM " + quoteIdent(t.name()) + GenContext.where(fs, quoteIdent(m.name()) + (above ? " > " : " < ")
          + "(SELECT AVG(" + quoteIdent(m.name()) + ") FROM " + quoteIdent(t.name()) + ")");
      String cmp = above ? "above" : "below";
      String more = above ? "higher" : "lower";
      List<String> patterns = List.of("How many {head} {tail} had {mp} " + cmp + " the overall average?",
          "How many {head} {tail} had " + more + " {mp} than the overall average?",
          "Count the {head} {tail} whose {mp} is " + cmp + " the average of all {noun}.");
      return new Draft(family(), id(), sql, GenContext.literals(fs), GenContext.frames(patterns, r -> {
        NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(t), fs, ctx.lex.isEntity(t), r);
        return Map.of("head", np.head(), "tail", np.tail(), "mp", GenContext.pick(ctx.lex.columnPhrases(m), r),
            "noun", GenContext.pick(ctx.lex.rowNouns(t), r));
      }));
    }
  }

  /** {@code SELECT COUNT(*) FROM l WHERE … AND key NOT IN (SELECT key FROM r WHERE …)}. */
  static final class NotIn implements Template {
    @Override public String id() {
      return "nested-not-in";
    }

    @Override public QueryFamily family() {
      return QueryFamily.NESTED;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return JoinTemplates.joins(ctx);
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table l = ctx.table(tables.get(0));
      Domain.Table r = ctx.table(tables.get(1));
      Domain.Join j = JoinTemplates.join(ctx, l, r);
      List<Filter> ef = ctx.sampleFilters(ctx.refs(l, false, List.of()), l.name(), rng.nextInt(3), rng);
      List<Filter> ff = ctx.sampleFilters(ctx.refs(r, false, List.of()), r.name(), 1 + rng.nextInt(2), rng);
      String sub = quoteIdent(j.leftColumn()) + " NOT IN (SELECT " + quoteIdent(j.rightColumn()) + " FROM "
          + quoteIdent(r.name())
          + GenContext.where(ff) + ")";
      String sql = "SELECT COUNT(*) AS count FROM " + quoteIdent(l.name()) + GenContext.where(ef, sub);
      List<String> patterns = List.of("How many {ent} had no {fhead} {ftail}?",
          "How many {ent} never had any {fhead} {ftail}?", "Count the {ent} without any {fhead} {ftail}.");
      return new Draft(family(), id(), sql, JoinTemplates.concat(ef, ff).stream().map(Filter::literal).toList(),
          GenContext.frames(patterns, x -> {
            NounPhrase f = NounPhrase.of(ctx.lex.rowNouns(r), ff, false, x);
            return Map.of("ent", NounPhrase.of(ctx.lex.rowNouns(l), ef, true, x).full(), "fhead", f.head(),
                "ftail", f.tail());
          }));
    }
  }

  /** {@code SELECT COUNT(*) FROM l WHERE … AND key IN (SELECT key FROM r WHERE … GROUP BY key HAVING COUNT(*) >= k)}. */
  static final class AtLeast implements Template {
    @Override public String id() {
      return "nested-at-least";
    }

    @Override public QueryFamily family() {
      return QueryFamily.NESTED;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return JoinTemplates.joins(ctx);
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table l = ctx.table(tables.get(0));
      Domain.Table r = ctx.table(tables.get(1));
      Domain.Join j = JoinTemplates.join(ctx, l, r);
      List<Filter> ef = ctx.sampleFilters(ctx.refs(l, false, List.of()), l.name(), rng.nextInt(2), rng);
      List<Filter> ff = ctx.sampleFilters(
          ctx.refs(r, false, JoinTemplates.perKeyExclusions(ctx, r)), r.name(), rng.nextInt(3), rng);
      long k = JoinTemplates.perKeyThreshold(ctx, tables, ff, rng);
      if (k < 2) {
        return null;
      }
      String sub = quoteIdent(j.leftColumn()) + " IN (SELECT " + quoteIdent(j.rightColumn()) + " FROM "
          + quoteIdent(r.name())
          + GenContext.where(ff) + " GROUP BY " + quoteIdent(j.rightColumn()) + " HAVING COUNT(*) >= " + k + ")";
      String sql = "SELECT COUNT(*) AS count FROM " + quoteIdent(l.name()) + GenContext.where(ef, sub);
      List<LiteralPhrases> lits = new java.util.ArrayList<>(
          JoinTemplates.concat(ef, ff).stream().map(Filter::literal).toList());
      lits.add(GenContext.numberLiteral(k));
      List<String> patterns = List.of("How many {ent} had at least {k} {fhead} {ftail}?",
          "How many {ent} had {k} or more {fhead} {ftail}?", "Count the {ent} with at least {k} {fhead} {ftail}.");
      return new Draft(family(), id(), sql, lits, GenContext.frames(patterns, x -> {
        NounPhrase f = NounPhrase.of(ctx.lex.rowNouns(r), ff, false, x);
        return Map.of("ent", NounPhrase.of(ctx.lex.rowNouns(l), ef, true, x).full(), "fhead", f.head(),
            "ftail", f.tail(), "k", GenContext.pick(PhraseCatalog.numberPhrases(k), x));
      }));
    }
  }
}
