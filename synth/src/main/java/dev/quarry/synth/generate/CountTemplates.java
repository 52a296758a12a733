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
          "Count the distinct {entity} with {head} {tail}.",
          "How many {entity} had {head} {tail}?");
      List<Draft.Frame> frames = new ArrayList<>(GenContext.frames(patterns, x -> {
        NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(r), fs, false, x);
        return Map.of("head", np.head(), "tail", np.tail(), "entity", GenContext.pick(ctx.lex.rowNouns(l), x));
      }));
      frames.addAll(predicateFrames(ctx, l, fs, rng));
      return new Draft(family(), id(), sql, GenContext.literals(fs), frames);
    }

    /**
     * The entity with one of the filters as its predicate and the others after it: "How many students were chronically
     * absent in 2023-24?", "How many students were ninth graders at Lincoln?". The predicate is a flag (its
     * {@code whenTrue}/{@code whenFalse} phrase) or a member noun, put in the past tense ({@link
     * RatioTemplates#predicates}); the other filters must read as post-modifiers. None when no filter qualifies.
     */
    private static List<Draft.Frame> predicateFrames(GenContext ctx, Domain.Table entity, List<Filter> fs,
        SplittableRandom rng) {
      List<Filter> candidates = new ArrayList<>();
      for (Filter f : fs) {
        boolean flag = "TRUE".equals(f.literal().sql()) || "FALSE".equals(f.literal().sql());
        if ((flag || f.has(Filter.Kind.MEMBER)) && !pastPredicates(f).isEmpty()) {
          candidates.add(f);
        }
      }
      if (candidates.isEmpty()) {
        return List.of();
      }
      Filter pred = GenContext.pick(candidates, rng);
      List<Filter> rest = new ArrayList<>(fs);
      rest.remove(pred);
      for (Filter f : rest) {
        if (!f.has(Filter.Kind.POST) && !f.has(Filter.Kind.MEMBER)) {
          return List.of();
        }
      }
      List<String> preds = pastPredicates(pred);
      List<String> patterns = List.of("How many {entity} {pred} {tail}?", "Count the {entity} who {pred} {tail}.",
          "Number of {entity} who {pred} {tail}");
      return GenContext.frames(patterns, x -> Map.of("entity", GenContext.pick(ctx.lex.rowNouns(entity), x),
          "pred", GenContext.pick(preds, x), "tail", NounPhrase.tailOnly(rest, List.of(), x).tail()));
    }

    /** {@link RatioTemplates#predicates} of {@code f} in the past tense: "are X" → "were X", "have X" → "had X". */
    private static List<String> pastPredicates(Filter f) {
      List<String> out = new ArrayList<>();
      for (String p : RatioTemplates.predicates(f)) {
        if (p.startsWith("are ")) {
          out.add("were " + p.substring(4));
        } else if (p.startsWith("have ")) {
          out.add("had " + p.substring(5));
        }
      }
      return out;
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
