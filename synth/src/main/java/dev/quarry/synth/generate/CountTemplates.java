package dev.quarry.synth.generate;

import static dev.quarry.core.sql.SqlIdentifiers.quoteIdent;

import dev.quarry.core.domain.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Templates of the FILTERED_COUNT and COUNT_DISTINCT families. */
final class CountTemplates {
  private CountTemplates() {}

  static List<Template> all() {
    return List.of(new FilteredCount(), new CountDistinctEntity(), new CountDistinctDimension());
  }

  /** Tables whose rows are records (with an id column). */
  static List<List<String>> countableTables(GenContext ctx) {
    List<List<String>> out = new ArrayList<>();
    for (Domain.Table t : ctx.domain.tables()) {
      if (GenContext.countable(t)) {
        out.add(List.of(t.name()));
      }
    }
    return out;
  }

  /** {@code SELECT COUNT(*) FROM t WHERE …}, sometimes with a measure threshold. */
  static final class FilteredCount implements Template {
    @Override public String id() {
      return "filtered-count";
    }

    @Override public QueryFamily family() {
      return QueryFamily.FILTERED_COUNT;
    }

    @Override public double weight() {
      return 1.5;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return countableTables(ctx);
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      List<Filter> fs = new ArrayList<>(
          ctx.sampleFilters(ctx.refs(t, false, List.of()), t.name(), ctx.filterCount(rng, 1), rng));
      List<Domain.Column> ms = ctx.measures(t);
      if (!ms.isEmpty() && rng.nextInt(4) == 0) {
        fs.add(MeasureThresholds.draw(ctx, t, GenContext.pick(ms, rng), rng, false));
      }
      if (fs.isEmpty()) {
        return null;
      }
      String sql = "SELECT COUNT(*) AS count FROM " + quoteIdent(t.name()) + GenContext.where(fs);
      List<String> patterns = new ArrayList<>(List.of(
          "How many {head} were there {tail}?",
          "How many {head} are there {tail}?",
          "Count the {head} {tail}.",
          "What is the number of {head} {tail}?",
          "Give me the number of {head} {tail}.",
          "What's the total number of {head} {tail}?",
          "how many {head} {tail}"));
      boolean entity = ctx.lex.isEntity(t);
      if (entity) {
        patterns.add("How many {head} do we have {tail}?");
      }
      return new Draft(family(), id(), sql, GenContext.literals(fs), GenContext.frames(patterns, r -> {
        NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(t), fs, entity, r);
        return Map.of("head", np.head(), "tail", np.tail());
      }));
    }
  }

  /** {@code SELECT COUNT(DISTINCT key) FROM fact WHERE …}: how many entities have such records. */
  static final class CountDistinctEntity implements Template {
    @Override public String id() {
      return "count-distinct-entity";
    }

    @Override public QueryFamily family() {
      return QueryFamily.COUNT_DISTINCT;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      List<List<String>> out = new ArrayList<>();
      for (Domain.Join j : ctx.domain.joins()) {
        out.add(List.of(j.left(), j.right()));
      }
      return out;
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table l = ctx.table(tables.get(0));
      Domain.Table r = ctx.table(tables.get(1));
      String on = JoinTemplates.join(ctx, l, r).rightColumn();
      List<Filter> fs = ctx.sampleFilters(ctx.refs(r, false, List.of()), r.name(), ctx.filterCount(rng, 1), rng);
      String sql = "SELECT COUNT(DISTINCT " + quoteIdent(on) + ") AS count FROM " + quoteIdent(r.name())
          + GenContext.where(fs);
      List<String> patterns = List.of(
          "How many different {entity} had {head} {tail}?",
          "How many distinct {entity} had {head} {tail}?",
          "How many unique {entity} appear in the {head} {tail}?",
          "Count the distinct {entity} with {head} {tail}.");
      return new Draft(family(), id(), sql, GenContext.literals(fs), GenContext.frames(patterns, x -> {
        NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(r), fs, false, x);
        return Map.of("head", np.head(), "tail", np.tail(), "entity", GenContext.pick(ctx.lex.rowNouns(l), x));
      }));
    }
  }

  /** {@code SELECT COUNT(DISTINCT dim) FROM t WHERE …}. */
  static final class CountDistinctDimension implements Template {
    @Override public String id() {
      return "count-distinct-dimension";
    }

    @Override public QueryFamily family() {
      return QueryFamily.COUNT_DISTINCT;
    }

    @Override public double weight() {
      return 0.6;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      List<List<String>> out = new ArrayList<>();
      for (Domain.Table t : ctx.domain.tables()) {
        if (!ctx.groupable(t, 3).stream().filter(c -> c.role() != dev.quarry.core.domain.ColumnRole.FLAG)
            .toList().isEmpty()) {
          out.add(List.of(t.name()));
        }
      }
      return out;
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      List<Domain.Column> dims = ctx.groupable(t, 3).stream()
          .filter(c -> c.role() != dev.quarry.core.domain.ColumnRole.FLAG).toList();
      Domain.Column g = GenContext.pick(dims, rng);
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of(g.name())), t.name(), ctx.filterCount(rng, 1), rng);
      if (fs.isEmpty()) {
        return null;
      }
      String sql = "SELECT COUNT(DISTINCT " + quoteIdent(g.name()) + ") AS count FROM " + quoteIdent(t.name()) + GenContext.where(fs);
      List<String> patterns = List.of(
          "How many different {gpl} appear among {head} {tail}?",
          "How many distinct {gpl} are there among {head} {tail}?",
          "Count the distinct {gpl} for {head} {tail}.");
      return new Draft(family(), id(), sql, GenContext.literals(fs), GenContext.frames(patterns, x -> {
        NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(t), fs, ctx.lex.isEntity(t), x);
        return Map.of("head", np.head(), "tail", np.tail(),
            "gpl", Lexicon.plural(GenContext.pick(ctx.lex.columnPhrases(g), x)));
      }));
    }
  }
}
