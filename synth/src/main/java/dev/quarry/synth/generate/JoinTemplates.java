package dev.quarry.synth.generate;

import dev.quarry.core.domain.ColumnRole;

import static dev.quarry.core.sql.SqlIdentifiers.quoteIdent;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.sql.SqlIdentifiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Templates of the JOIN family over the domain's joins (entity table on the left, a fact table on the
 * right). Entity-side conditions use only entity columns that the fact table lacks (for students:
 * gender, race/ethnicity, program flags), so that "at Lincoln" or "in ninth grade" always means the fact
 * row's own school or grade.
 */
final class JoinTemplates {
  private JoinTemplates() {}

  static List<Template> all() {
    return List.of(new JoinCount(), new JoinAggregate(), new JoinDistinct(), new JoinGroup());
  }

  static List<List<String>> joins(GenContext ctx) {
    List<List<String>> out = new ArrayList<>();
    for (Domain.Join j : ctx.domain.joins()) {
      out.add(List.of(j.left(), j.right()));
    }
    return out;
  }

  /**
   * The join between two tables: its {@link Domain.Join#leftColumn()} names the column of {@code l},
   * {@link Domain.Join#rightColumn()} that of {@code r} (they differ for a foreign key such as
   * {@code orders.customer_id = customers.id}).
   *
   * @throws IllegalArgumentException if the domain declares no join from {@code l} to {@code r}
   */
  static Domain.Join join(GenContext ctx, Domain.Table l, Domain.Table r) {
    for (Domain.Join j : ctx.domain.joins()) {
      if (j.left().equals(l.name()) && j.right().equals(r.name())) {
        return j;
      }
    }
    throw new IllegalArgumentException("No join between " + l.name() + " and " + r.name());
  }

  static String from(GenContext ctx, Domain.Table l, Domain.Table r) {
    Domain.Join j = join(ctx, l, r);
    return " FROM " + quoteIdent(l.name()) + " JOIN " + quoteIdent(r.name()) + " ON "
        + SqlIdentifiers.qualified(l.name(), j.leftColumn()) + " = "
        + SqlIdentifiers.qualified(r.name(), j.rightColumn());
  }

  /** Entity columns the fact table does not have, as qualified refs. */
  static List<GenContext.ColRef> entityOnly(GenContext ctx, Domain.Table l, Domain.Table r, List<String> exclude) {
    List<String> ex = new ArrayList<>(exclude);
    ex.addAll(r.columnNames());
    return ctx.refs(l, true, ex);
  }

  /** Samples entity-side and fact-side filters from the join sample; both lists canonical. */
  static List<List<Filter>> sides(GenContext ctx, Domain.Table l, Domain.Table r, int entityMin, int factMax,
      List<String> entityExclude, SplittableRandom rng) {
    List<GenContext.ColRef> e = entityOnly(ctx, l, r, entityExclude);
    List<GenContext.ColRef> f = ctx.refs(r, true, List.of());
    int ne = entityMin + rng.nextInt(2);
    int nf = rng.nextInt(factMax + 1);
    // Sample jointly so the combination selects real joined rows, then split by side.
    List<GenContext.ColRef> cols = new ArrayList<>();
    List<GenContext.ColRef> es = new ArrayList<>(e);
    GenContext.shuffle(es, rng);
    cols.addAll(es.subList(0, Math.min(ne, es.size())));
    List<GenContext.ColRef> fs = new ArrayList<>(f);
    GenContext.shuffle(fs, rng);
    cols.addAll(fs.subList(0, Math.min(nf, fs.size())));
    List<Filter> all = ctx.sampleFilters(cols, l.name() + "+" + r.name(), cols.size(), rng);
    List<Filter> ent = new ArrayList<>();
    List<Filter> fact = new ArrayList<>();
    for (Filter x : all) {
      (x.column().startsWith(l.name() + ".") ? ent : fact).add(x);
    }
    return List.of(ent, fact);
  }

  static List<Filter> concat(List<Filter> a, List<Filter> b) {
    List<Filter> out = new ArrayList<>(a);
    out.addAll(b);
    out.sort(Comparator.comparingInt(Filter::order).thenComparing(Filter::column));
    return out;
  }

  /**
   * A threshold k ≥ 2 of right-table rows per join key that some keys reach, from the catalog's
   * rows-per-key distribution (scaled down when the fact side is filtered); 0 if none.
   */
  static long perKeyThreshold(GenContext ctx, List<String> tables, List<Filter> factFilters, SplittableRandom rng) {
    List<ValueCatalog.ValueCount> dist = ctx.catalog.rowsPerKey(tables.get(0) + "+" + tables.get(1));
    long total = dist.stream().mapToLong(ValueCatalog.ValueCount::count).sum();
    if (total == 0) {
      return 0;
    }
    // n such that about 10-50% of keys have at least n rows.
    double target = 0.1 + 0.4 * rng.nextDouble();
    long acc = 0;
    long n = 1;
    for (int i = dist.size() - 1; i >= 0; i--) {
      acc += dist.get(i).count();
      if (acc >= target * total) {
        n = ((Number) dist.get(i).value()).longValue();
        break;
      }
    }
    double shrink = Math.pow(0.6, factFilters.size());
    return Math.max(2, Math.round(n * shrink));
  }

  /**
   * Fact-table columns for per-key count conditions: the year is left out when the table holds one row
   * per key and year (its sort key has only ids and the year), since then no key has two rows in a year.
   */
  static List<String> perKeyExclusions(GenContext ctx, Domain.Table r) {
    Domain.Column y = ctx.yearColumn(r);
    return y != null && AggregateTemplates.TopRows.idColumn(r) != null ? List.of(y.name()) : List.of();
  }

  /** {@code SELECT COUNT(*) FROM l JOIN r … WHERE entity conditions AND fact conditions}. */
  static final class JoinCount implements Template {
    @Override public String id() {
      return "join-count";
    }

    @Override public QueryFamily family() {
      return QueryFamily.JOIN;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return joins(ctx);
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table l = ctx.table(tables.get(0));
      Domain.Table r = ctx.table(tables.get(1));
      List<List<Filter>> s = sides(ctx, l, r, 1, 2, List.of(), rng);
      if (s.get(0).isEmpty()) {
        return null;
      }
      List<Filter> all = concat(s.get(0), s.get(1));
      String sql = "SELECT COUNT(*) AS count" + from(ctx, l, r) + GenContext.where(all);
      List<String> patterns = List.of("How many {fhead} {ftail} were there for {ent}?",
          "Count the {fhead} {ftail} for {ent}.", "How many {fhead} did {ent} have {ftail}?",
          "What is the number of {fhead} {ftail} among {ent}?");
      return new Draft(family(), id(), sql, GenContext.literals(all), GenContext.frames(patterns, x -> {
        NounPhrase e = NounPhrase.of(ctx.lex.rowNouns(l), s.get(0), true, x);
        NounPhrase f = NounPhrase.of(ctx.lex.rowNouns(r), s.get(1), false, x);
        return Map.of("ent", e.full(), "fhead", f.head(), "ftail", f.tail());
      }));
    }
  }

  /** {@code SELECT AGG(r.m) FROM l JOIN r … WHERE …}. */
  static final class JoinAggregate implements Template {
    @Override public String id() {
      return "join-aggregate";
    }

    @Override public QueryFamily family() {
      return QueryFamily.JOIN;
    }

    @Override public double weight() {
      return 1.3;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return joins(ctx).stream().filter(j -> !ctx.measures(ctx.table(j.get(1))).isEmpty()).toList();
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table l = ctx.table(tables.get(0));
      Domain.Table r = ctx.table(tables.get(1));
      Metric m = ctx.randomMetric(r, rng, true, List.of("AVG", "SUM", "MAX", "MIN"));
      List<List<Filter>> s = sides(ctx, l, r, 1, 2, List.of(), rng);
      if (m == null || s.get(0).isEmpty()) {
        return null;
      }
      List<Filter> all = concat(s.get(0), s.get(1));
      String sql = "SELECT " + m.sql() + " AS " + m.alias() + from(ctx, l, r) + GenContext.where(all);
      List<String> patterns = List.of("What is the {agg} {mp} for {ent} {ftail}?",
          "What was the {agg} {mp} of {ent} {ftail}?", "Show the {agg} {mp} among {ent} {ftail}.",
          "Give me the {agg} {mp} for {ent} {ftail}.");
      return new Draft(family(), id(), sql, GenContext.literals(all), GenContext.frames(patterns, x -> Map.of(
          "ent", NounPhrase.of(ctx.lex.rowNouns(l), s.get(0), true, x).full(),
          "ftail", NounPhrase.tailOnly(s.get(1), ctx.lex.rowNouns(r), x).tail(),
          "agg", GenContext.pick(m.words(), x),
          "mp", GenContext.pick(ctx.lex.columnPhrases(m.measure()), x))));
    }
  }

  /** {@code SELECT COUNT(DISTINCT l.key) FROM l JOIN r … WHERE …}: how many such entities have such records. */
  static final class JoinDistinct implements Template {
    @Override public String id() {
      return "join-distinct";
    }

    @Override public QueryFamily family() {
      return QueryFamily.JOIN;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return joins(ctx);
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table l = ctx.table(tables.get(0));
      Domain.Table r = ctx.table(tables.get(1));
      String on = join(ctx, l, r).leftColumn();
      List<List<Filter>> s = sides(ctx, l, r, 1, 2, List.of(), rng);
      if (s.get(0).isEmpty()) {
        return null;
      }
      List<Filter> all = concat(s.get(0), s.get(1));
      String sql = "SELECT COUNT(DISTINCT " + SqlIdentifiers.qualified(l.name(), on) + ") AS count" + from(ctx, l, r)
          + GenContext.where(all);
      List<String> patterns = List.of("How many {ehead} {etail} had {fhead} {ftail}?",
          "How many different {ehead} {etail} had {fhead} {ftail}?",
          "Count the distinct {ehead} {etail} who had {fhead} {ftail}.");
      return new Draft(family(), id(), sql, GenContext.literals(all), GenContext.frames(patterns, x -> {
        NounPhrase e = NounPhrase.of(ctx.lex.rowNouns(l), s.get(0), true, x);
        NounPhrase f = NounPhrase.of(ctx.lex.rowNouns(r), s.get(1), false, x);
        return Map.of("ehead", e.head(), "etail", e.tail(), "fhead", f.head(), "ftail", f.tail());
      }));
    }
  }

  /** {@code SELECT l.g, metric FROM l JOIN r … GROUP BY l.g ORDER BY l.g}. */
  static final class JoinGroup implements Template {
    @Override public String id() {
      return "join-group";
    }

    @Override public QueryFamily family() {
      return QueryFamily.JOIN;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return joins(ctx).stream().filter(j -> !entityOnly(ctx, ctx.table(j.get(0)), ctx.table(j.get(1)), List.of())
          .isEmpty()).toList();
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table l = ctx.table(tables.get(0));
      Domain.Table r = ctx.table(tables.get(1));
      GenContext.ColRef g = GenContext.pick(entityOnly(ctx, l, r, List.of()), rng);
      Metric m = ctx.randomMetric(r, rng, true, List.of("COUNT", "AVG", "SUM"));
      if (m == null) {
        return null;
      }
      List<List<Filter>> s = sides(ctx, l, r, rng.nextInt(2), 2, List.of(g.column().name()), rng);
      List<Filter> all = concat(s.get(0), s.get(1));
      String gcol = g.sql();
      String sql = "SELECT " + gcol + ", " + m.sql() + " AS " + m.alias() + from(ctx, l, r) + GenContext.where(all)
          + " GROUP BY " + gcol + " ORDER BY " + gcol;
      List<String> patterns = new ArrayList<>(List.of("What is the {agg} {mp} of {ent} {ftail} by {gp}?",
          "Show the {agg} {mp} for {ent} {ftail} by {single} {gp}.",
          "For each {single} {gp}, what was the {agg} {mp} of {ent} {ftail}?"));
      if (m.isCount()) {
        patterns = new ArrayList<>(List.of("How many {fhead} {ftail} did {ent} have by {gp}?",
            "Break down the number of {fhead} {ftail} for {ent} by {single} {gp}.",
            "For each {single} {gp}, how many {fhead} did {ent} have {ftail}?"));
      }
      List<String> versus = g.column().role() == ColumnRole.FLAG && rng.nextBoolean()
          ? ctx.lex.versusPhrases(g.column()) : List.of();
      if (!versus.isEmpty()) {
        patterns = m.isCount()
            ? new ArrayList<>(List.of("Compare the number of {fhead} {ftail} for {ent}: {vs}.",
                "How many {fhead} {ftail} did {ent} have, {vs}?"))
            : new ArrayList<>(List.of("Compare the {agg} {mp} of {ent} {ftail} for {vs}.",
                "What is the {agg} {mp} of {ent} {ftail}, {vs}?", "{agg} {mp} {ftail}, {vs}"));
      }
      return new Draft(family(), id(), sql, GenContext.literals(all), GenContext.frames(patterns, x -> {
        NounPhrase f = NounPhrase.of(ctx.lex.rowNouns(r), s.get(1), false, x);
        return Map.of("ent", NounPhrase.of(ctx.lex.rowNouns(l), s.get(0), true, x).full(),
            "ftail", m.isCount() ? f.tail() : NounPhrase.tailOnly(s.get(1), ctx.lex.rowNouns(r), x).tail(),
            "fhead", f.head(),
            "agg", m.isCount() ? "" : GenContext.pick(m.words(), x),
            "mp", m.isCount() ? "" : GenContext.pick(ctx.lex.columnPhrases(m.measure()), x),
            "gp", GenContext.pick(ctx.lex.columnPhrases(g.column()), x),
            "single", ctx.lex.singularOf(l),
            "vs", versus.isEmpty() ? "" : GenContext.pick(versus, x));
      }));
    }
  }
}
