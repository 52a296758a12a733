package dev.quarry.synth.generate;

import static dev.quarry.core.sql.SqlIdentifiers.quoteIdent;

import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Templates of the RATIO family: percentages of rows meeting a condition, and ratios of two values. */
final class RatioTemplates {
  private RatioTemplates() {}

  static List<Template> all() {
    return List.of(new Percentage(), new PercentageByGroup(), new TwoValueRatio());
  }

  /** "are English learners", "have severity major", "are at Lincoln": predicates for a condition. */
  static List<String> predicates(Filter f) {
    List<String> out = new ArrayList<>();
    for (Filter.Rendering r : f.renderings()) {
      String t = r.text();
      switch (r.kind()) {
        case MEMBER -> out.add("are " + t);
        case PRE -> {
          if (f.literal().sql().equals("TRUE") || f.literal().sql().equals("FALSE")) {
            out.add("are " + t);
          }
        }
        case POST -> {
          if (t.startsWith("with ")) {
            out.add("have " + t.substring(5));
          } else if (t.startsWith("at ") || t.startsWith("in ") || t.startsWith("flagged as ")) {
            out.add("are " + t);
          }
        }
      }
    }
    return out;
  }

  /** Conditions usable as the numerator: flags and dimensions with at least two values. */
  static List<Domain.Column> conditionColumns(GenContext ctx, Domain.Table t) {
    return ctx.groupable(t, 2);
  }

  static List<List<String>> targets(GenContext ctx, int minConditions) {
    return AggregateTemplates.tablesWith(ctx, t -> GenContext.countable(t)
        && conditionColumns(ctx, t).size() >= minConditions);
  }

  /** A condition filter on a random column; flags are TRUE two times in three. */
  static Filter condition(GenContext ctx, Domain.Table t, Domain.Column c, SplittableRandom rng) {
    Object v = c.role() == ColumnRole.FLAG ? (Object) (rng.nextInt(3) > 0) : ctx.randomValue(t, c, rng);
    return ctx.filters.equal(t, c, v, false);
  }

  static String pctSql(Filter cond) {
    return "100.0 * SUM(CASE WHEN " + cond.sql() + " THEN 1 ELSE 0 END) / COUNT(*)";
  }

  /** {@code SELECT 100.0 * SUM(CASE WHEN cond THEN 1 ELSE 0 END) / COUNT(*) FROM t WHERE …}. */
  static final class Percentage implements Template {
    @Override public String id() {
      return "ratio-percentage";
    }

    @Override public QueryFamily family() {
      return QueryFamily.RATIO;
    }

    @Override public double weight() {
      return 1.2;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return RatioTemplates.targets(ctx, 1);
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column c = GenContext.pick(conditionColumns(ctx, t), rng);
      Filter cond = condition(ctx, t, c, rng);
      List<String> preds = predicates(cond);
      if (preds.isEmpty()) {
        return null;
      }
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of(c.name())), t.name(), ctx.filterCount(rng, 0), rng);
      String sql = "SELECT " + pctSql(cond) + " AS pct FROM " + quoteIdent(t.name()) + GenContext.where(fs);
      List<String> patterns = List.of("What percentage of {head} {tail} {pred}?",
          "What percent of {head} {tail} {pred}?", "Give the percentage of {head} {tail} that {pred}.",
          "Among {head} {tail}, what percentage {pred}?");
      return new Draft(family(), id(), sql, GenContext.literals(fs, cond.literal()), GenContext.frames(patterns, r -> {
        NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(t), fs, ctx.lex.isEntity(t), r);
        return Map.of("head", np.head(), "tail", np.tail(), "pred", GenContext.pick(preds, r));
      }));
    }
  }

  /** The percentage per value of a grouping dimension. */
  static final class PercentageByGroup implements Template {
    @Override public String id() {
      return "ratio-percentage-by-group";
    }

    @Override public QueryFamily family() {
      return QueryFamily.RATIO;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return RatioTemplates.targets(ctx, 2);
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      List<Domain.Column> cols = new ArrayList<>(conditionColumns(ctx, t));
      GenContext.shuffle(cols, rng);
      Domain.Column c = cols.get(0);
      Domain.Column g = cols.get(1);
      Filter cond = condition(ctx, t, c, rng);
      List<String> preds = predicates(cond);
      if (preds.isEmpty()) {
        return null;
      }
      List<Filter> fs = ctx.sampleFilters(
          ctx.refs(t, false, List.of(c.name(), g.name())), t.name(), ctx.filterCount(rng, 0) / 2, rng);
      String sql = "SELECT " + quoteIdent(g.name()) + ", " + pctSql(cond) + " AS pct FROM " + quoteIdent(t.name()) + GenContext.where(fs)
          + " GROUP BY " + quoteIdent(g.name()) + " ORDER BY " + quoteIdent(g.name());
      List<String> patterns = List.of("For each {gp}, what percentage of {head} {tail} {pred}?",
          "Show the percentage of {head} {tail} that {pred}, by {gp}.",
          "What percent of {head} {tail} {pred} in each {gp}?");
      return new Draft(family(), id(), sql, GenContext.literals(fs, cond.literal()), GenContext.frames(patterns, r -> {
        NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(t), fs, ctx.lex.isEntity(t), r);
        return Map.of("head", np.head(), "tail", np.tail(), "pred", GenContext.pick(preds, r),
            "gp", GenContext.pick(ctx.lex.columnPhrases(g), r));
      }));
    }
  }

  /** The ratio of rows with one value to rows with another value of the same dimension. */
  static final class TwoValueRatio implements Template {
    @Override public String id() {
      return "ratio-two-values";
    }

    @Override public QueryFamily family() {
      return QueryFamily.RATIO;
    }

    @Override public double weight() {
      return 0.8;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return AggregateTemplates.tablesWith(ctx, t -> GenContext.countable(t) && !dims(ctx, t).isEmpty());
    }

    static List<Domain.Column> dims(GenContext ctx, Domain.Table t) {
      return ctx.groupable(t, 2).stream().filter(c -> c.role() == ColumnRole.DIMENSION).toList();
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column c = GenContext.pick(dims(ctx, t), rng);
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of(c.name())), t.name(), ctx.filterCount(rng, 0) / 2, rng);
      List<Object> seen = ctx.valuesAmong(t, c, fs);
      if (seen.size() < 2) {
        return null;
      }
      Object a = seen.get(rng.nextInt(seen.size()));
      Object b = seen.get(rng.nextInt(seen.size()));
      if (a.equals(b)) {
        return null;
      }
      Filter fa = ctx.filters.equal(t, c, a, false);
      Filter fb = ctx.filters.equal(t, c, b, false);
      String sql = "SELECT SUM(CASE WHEN " + fa.sql() + " THEN 1 ELSE 0 END) * 1.0 / NULLIF(SUM(CASE WHEN "
          + fb.sql() + " THEN 1 ELSE 0 END), 0) AS ratio FROM " + quoteIdent(t.name()) + GenContext.where(fs);
      boolean entity = ctx.lex.isEntity(t);
      List<String> patterns = List.of("What is the ratio of {a} to {b} {tail}?",
          "Give me the ratio of {a} to {b} {tail}.", "What's the ratio between {a} and {b} {tail}?");
      return new Draft(family(), id(), sql, GenContext.literals(fs, fa.literal(), fb.literal()),
          GenContext.frames(patterns, r -> {
            String noun = GenContext.pick(ctx.lex.rowNouns(t), r);
            return Map.of("a", group(ctx, t, c, a, noun, entity, r), "b", group(ctx, t, c, b, noun, entity, r),
                "tail", NounPhrase.tailOnly(fs, List.of(), r).tail());
          }));
    }

    /** "girls", "Hispanic students", "incidents at Jefferson". */
    static String group(GenContext ctx, Domain.Table t, Domain.Column c, Object v, String noun, boolean entity,
        SplittableRandom r) {
      List<String> members = ctx.lex.members(c, v);
      if (entity && !members.isEmpty() && r.nextBoolean()) {
        return GenContext.pick(members, r);
      }
      Filter f = ctx.filters.equal(t, c, v, false);
      List<Filter.Rendering> rs = f.renderings().stream().filter(x -> x.kind() != Filter.Kind.MEMBER).toList();
      Filter.Rendering x = GenContext.pick(rs, r);
      return x.kind() == Filter.Kind.PRE ? x.text() + " " + noun : noun + " " + x.text();
    }
  }
}
