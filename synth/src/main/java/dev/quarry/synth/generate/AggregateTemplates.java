package dev.quarry.synth.generate;

import dev.quarry.core.domain.ColumnRole;
import static dev.quarry.core.sql.SqlIdentifiers.quoteIdent;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.PhraseCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Templates of the AGGREGATE, GROUP_BY, GROUP_BY_TWO, TOP_N and HAVING families. */
final class AggregateTemplates {

  /**
   * Whether a "which groups" query also returns the aggregate (one time in three). A question that asks which
   * groups ("Which schools had more than 50 incidents?") is answered with the groups alone, the way people write
   * the gold SQL of such questions; only a question that asks for the values too ("…, with their counts")
   * selects the aggregate.
   */
  static boolean withValues(SplittableRandom rng) {
    return rng.nextInt(3) == 0;
  }
  private AggregateTemplates() {}

  static List<Template> all() {
    return List.of(new Aggregate(), new GroupBy(), new GroupByTwo(), new TopGroups(), new TopRows(),
        new HavingCount(), new HavingAverage(), new HavingKeys());
  }

  static List<List<String>> tablesWith(GenContext ctx, java.util.function.Predicate<Domain.Table> p) {
    List<List<String>> out = new ArrayList<>();
    for (Domain.Table t : ctx.domain.tables()) {
      if (p.test(t)) {
        out.add(List.of(t.name()));
      }
    }
    return out;
  }

  static final List<String> ALL_FNS = List.of("COUNT", "AVG", "SUM", "MIN", "MAX");

  /** {@code SELECT AGG(m) FROM t WHERE …}. */
  static final class Aggregate implements Template {
    @Override public String id() {
      return "aggregate";
    }

    @Override public QueryFamily family() {
      return QueryFamily.AGGREGATE;
    }

    @Override public double weight() {
      return 1.5;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return tablesWith(ctx, t -> !ctx.measures(t).isEmpty());
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Metric m = ctx.randomMetric(t, rng, false, List.of("AVG", "SUM", "MIN", "MAX"));
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of()), t.name(), ctx.filterCount(rng, 1), rng);
      String sql = "SELECT " + m.sql() + " AS " + m.alias() + " FROM " + quoteIdent(t.name()) + GenContext.where(fs);
      List<String> patterns = List.of(
          "What is the {S}?", "What was the {S}?", "Show the {S}.", "Give me the {S}.", "Tell me the {S}.",
          "what's the {S}");
      if (m.countsEntities(ctx, t, fs)) {
        List<String> counts = List.of("How many {head} were there {tail}?", "How many {head} did we have {tail}?",
            "What is the number of {head} {tail}?", "how many {head} {tail}", "number of {head} {tail}");
        return new Draft(family(), id(), sql, GenContext.literals(fs), GenContext.frames(
            java.util.stream.Stream.concat(patterns.stream(), counts.stream()).toList(), r -> {
              NounPhrase np = m.entities(ctx, fs, r);
              return Map.of("S", m.subject(ctx, t, fs, r), "head", np.head(), "tail", np.tail());
            }));
      }
      return new Draft(family(), id(), sql, GenContext.literals(fs),
          GenContext.frames(patterns, r -> Map.of("S", m.subject(ctx, t, fs, r))));
    }
  }

  /** {@code SELECT g, metric FROM t WHERE … GROUP BY g ORDER BY g}. */
  static final class GroupBy implements Template {
    @Override public String id() {
      return "group-by";
    }

    @Override public QueryFamily family() {
      return QueryFamily.GROUP_BY;
    }

    @Override public double weight() {
      return 1.2;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return tablesWith(ctx, t -> !ctx.groupable(t, 2).isEmpty());
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column g = GenContext.pick(ctx.groupable(t, 2), rng);
      Metric m = ctx.randomMetric(t, rng, false, List.of("COUNT", "AVG", "SUM", "MAX", "MIN"));
      if (m == null) {
        return null;
      }
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of(g.name())), t.name(), ctx.filterCount(rng, 0), rng);
      Filter pair = comparedPair(ctx, t, g, rng);
      List<String> versus = g.role() == ColumnRole.FLAG && rng.nextBoolean() ? ctx.lex.versusPhrases(g) : List.of();
      List<Filter> where = new ArrayList<>(fs);
      if (pair != null) {
        where.add(pair);
        where.sort(java.util.Comparator.comparingInt(Filter::order).thenComparing(Filter::column));
      }
      String sql = "SELECT " + quoteIdent(g.name()) + ", " + m.sql() + " AS " + m.alias() + " FROM " + quoteIdent(t.name())
          + GenContext.where(where) + " GROUP BY " + quoteIdent(g.name()) + " ORDER BY " + quoteIdent(g.name());
      List<String> patterns = new ArrayList<>(List.of(
          "What is the {S} by {gp}?", "Show the {S} per {gp}.", "For each {gp}, what is the {S}?",
          "List the {S} for each {gp}.", "Break down the {S} by {gp}."));
      if (m.isCount()) {
        patterns.addAll(List.of("How many {head} were there {tail} per {gp}?", "Count the {head} {tail} by {gp}.",
            "How many {head} {tail} are there in each {gp}?"));
      }
      if (pair != null || !versus.isEmpty()) {
        patterns = new ArrayList<>(List.of("Compare the {S} for {vs}.", "What is the {S} for {vs}?", "{S}, {vs}",
            "Show the {S}: {vs}."));
      }
      return new Draft(family(), id(), sql, GenContext.literals(where), GenContext.frames(patterns, r -> {
        NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(t), fs, ctx.lex.isEntity(t), r);
        String vs = pair != null ? versus(pair, r) : versus.isEmpty() ? "" : GenContext.pick(versus, r);
        return Map.of("S", m.subject(ctx, t, fs, r), "gp", GenContext.pick(ctx.lex.columnPhrases(g), r),
            "head", np.head(), "tail", np.tail(), "vs", vs);
      }));
    }
  }

  /**
   * One group-by query in five on a dimension with at least three values compares two of them
   * ({@code WHERE g IN (a, b) … GROUP BY g}: "Compare the average GPA for Lincoln and Jefferson"); null otherwise.
   */
  static Filter comparedPair(GenContext ctx, Domain.Table t, Domain.Column g, SplittableRandom rng) {
    if (g.role() != ColumnRole.DIMENSION || ctx.catalog.values(t.name(), g.name()).size() < 3 || rng.nextInt(5) != 0) {
      return null;
    }
    Object a = ctx.randomValue(t, g, rng);
    Object b = ctx.randomValue(t, g, rng);
    while (b.equals(a)) {
      b = ctx.randomValue(t, g, rng);
    }
    return ctx.filters.anyOf(t, g, a, b, false);
  }

  /** "Lincoln vs Jefferson", "Lincoln and Jefferson": the two values of a {@link #comparedPair}, same phrase form. */
  static String versus(Filter pair, SplittableRandom r) {
    List<String> a = pair.literals().get(0).phrases();
    List<String> b = pair.literals().get(1).phrases();
    int i = r.nextInt(Math.min(a.size(), b.size()));
    return a.get(i) + GenContext.pick(List.of(" vs ", " versus ", " and "), r) + b.get(i);
  }

  /** {@code SELECT g1, g2, metric FROM t WHERE … GROUP BY g1, g2 ORDER BY g1, g2}. */
  static final class GroupByTwo implements Template {
    @Override public String id() {
      return "group-by-two";
    }

    @Override public QueryFamily family() {
      return QueryFamily.GROUP_BY_TWO;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return tablesWith(ctx, t -> groupDims(ctx, t).size() >= 2);
    }

    static List<Domain.Column> groupDims(GenContext ctx, Domain.Table t) {
      List<Domain.Column> out = new ArrayList<>(ctx.groupable(t, 2));
      Domain.Column y = ctx.yearColumn(t);
      if (y != null) {
        out.add(y);
      }
      return out;
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      List<Domain.Column> dims = new ArrayList<>(groupDims(ctx, t));
      GenContext.shuffle(dims, rng);
      Domain.Column a = dims.get(0);
      Domain.Column b = dims.get(1);
      if (t.columns().indexOf(a) > t.columns().indexOf(b)) {
        Domain.Column tmp = a;
        a = b;
        b = tmp;
      }
      Domain.Column g1 = a;
      Domain.Column g2 = b;
      Metric m = ctx.randomMetric(t, rng, false, List.of("COUNT", "AVG", "SUM"));
      if (m == null) {
        return null;
      }
      List<Filter> fs = ctx.sampleFilters(
          ctx.refs(t, false, List.of(g1.name(), g2.name())), t.name(), ctx.filterCount(rng, 0) / 2 + rng.nextInt(2), rng);
      String sql = "SELECT " + quoteIdent(g1.name()) + ", " + quoteIdent(g2.name()) + ", " + m.sql() + " AS " + m.alias() + " FROM "
          + quoteIdent(t.name()) + GenContext.where(fs) + " GROUP BY " + quoteIdent(g1.name()) + ", " + quoteIdent(g2.name()) + " ORDER BY "
          + quoteIdent(g1.name()) + ", " + quoteIdent(g2.name());
      List<String> patterns = List.of(
          "What is the {S} by {gp1} and {gp2}?", "Show the {S} per {gp1} and {gp2}.",
          "For each {gp1} and {gp2}, what is the {S}?", "Break down the {S} by {gp1} and {gp2}.");
      return new Draft(family(), id(), sql, GenContext.literals(fs), GenContext.frames(patterns, r -> {
        String p1 = GenContext.pick(ctx.lex.columnPhrases(g1), r);
        String p2 = GenContext.pick(ctx.lex.columnPhrases(g2), r);
        boolean swap = r.nextBoolean();
        return Map.of("S", m.subject(ctx, t, fs, r), "gp1", swap ? p2 : p1, "gp2", swap ? p1 : p2);
      }));
    }
  }

  /** {@code SELECT g, metric … GROUP BY g ORDER BY metric DESC|ASC, g LIMIT n}. */
  static final class TopGroups implements Template {
    @Override public String id() {
      return "top-n-group";
    }

    @Override public QueryFamily family() {
      return QueryFamily.TOP_N;
    }

    @Override public double weight() {
      return 1.3;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return tablesWith(ctx, t -> !dims(ctx, t).isEmpty());
    }

    static List<Domain.Column> dims(GenContext ctx, Domain.Table t) {
      return ctx.groupable(t, 3).stream().filter(c -> c.role() == ColumnRole.DIMENSION).toList();
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column g = GenContext.pick(dims(ctx, t), rng);
      int distinct = ctx.catalog.values(t.name(), g.name()).size();
      Metric m = ctx.randomMetric(t, rng, false, List.of("COUNT", "AVG", "SUM"));
      if (m == null) {
        return null;
      }
      boolean desc = rng.nextInt(3) > 0;
      int n = rng.nextInt(5) < 3 ? 1 : 2 + rng.nextInt(Math.max(1, Math.min(4, distinct - 2)));
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of(g.name())), t.name(), ctx.filterCount(rng, 0), rng);
      boolean withValues = withValues(rng);
      String sql = "SELECT " + quoteIdent(g.name()) + (withValues ? ", " + m.sql() + " AS " + m.alias() : "") + " FROM "
          + quoteIdent(t.name()) + GenContext.where(fs) + " GROUP BY " + quoteIdent(g.name()) + " ORDER BY "
          + (withValues ? m.alias() : m.raw()) + (desc ? " DESC" : " ASC") + ", " + quoteIdent(g.name()) + " LIMIT " + n;
      String most = desc ? "most" : "fewest";
      String highest = desc ? "highest" : "lowest";
      String top = desc ? "top" : "bottom";
      String values = m.isCount() ? "with their counts" : "with their values";
      List<String> patterns = new ArrayList<>();
      if (withValues && n == 1) {
        patterns.addAll(List.of("Which {gp} has the " + highest + " {S}, and what is it?",
            "Show the {gp} with the " + highest + " {S} and the value."));
        if (m.isCount()) {
          patterns.add("Which {gp} had the " + most + " {head} {tail}, and how many?");
        }
      } else if (withValues) {
        patterns.addAll(List.of("What are the " + top + " {n} {gpl} by {S}, " + values + "?",
            "List the {n} {gpl} with the " + highest + " {S}, " + values + "."));
      } else if (n == 1) {
        patterns.addAll(List.of("Which {gp} has the " + highest + " {S}?", "Which {gp} had the " + highest + " {S}?",
            "Find the {gp} with the " + highest + " {S}."));
        if (m.isCount()) {
          patterns.addAll(List.of("Which {gp} has the " + most + " {head} {tail}?",
              "Which {gp} had the " + most + " {head} {tail}?"));
        }
      } else {
        patterns.addAll(List.of("What are the " + top + " {n} {gpl} by {S}?",
            "List the {n} {gpl} with the " + highest + " {S}.", "Which {n} {gpl} had the " + highest + " {S}?"));
        if (m.isCount()) {
          patterns.add("Which {n} {gpl} have the " + most + " {head} {tail}?");
        }
      }
      List<LiteralPhrases> lits = n == 1 ? GenContext.literals(fs) : GenContext.literals(fs, GenContext.numberLiteral(n));
      return new Draft(family(), id(), sql, lits, GenContext.frames(patterns, r -> {
        NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(t), fs, ctx.lex.isEntity(t), r);
        String gp = GenContext.pick(ctx.lex.columnPhrases(g), r);
        return Map.of("S", m.subject(ctx, t, fs, r), "gp", gp, "gpl", Lexicon.plural(gp), "head", np.head(),
            "tail", np.tail(), "n", GenContext.pick(PhraseCatalog.numberPhrases(n), r));
      }));
    }
  }

  /**
   * {@code SELECT id, m FROM t WHERE … ORDER BY m DESC, id LIMIT n} on tables whose rows are identified
   * by ids (and the year, which is then always filtered).
   */
  static final class TopRows implements Template {
    @Override public String id() {
      return "top-n-rows";
    }

    @Override public QueryFamily family() {
      return QueryFamily.TOP_N;
    }

    @Override public double weight() {
      return 0.7;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return tablesWith(ctx, t -> idColumn(t) != null && !ctx.measures(t).isEmpty());
    }

    /** The first id in the sort key if the sort key holds only ids and the year; else null. */
    static Domain.Column idColumn(Domain.Table t) {
      Domain.Column id = null;
      for (String k : t.sortKey()) {
        Domain.Column c = t.column(k).orElseThrow();
        if (c.role() == ColumnRole.ID) {
          id = id == null ? c : id;
        } else if (c.role() != ColumnRole.YEAR) {
          return null;
        }
      }
      return id;
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column id = idColumn(t);
      Domain.Column m = GenContext.pick(ctx.measures(t), rng);
      boolean integral = ctx.catalog.measure(t.name(), m.name()).orElseThrow().integral();
      Domain.Column y = ctx.yearColumn(t);
      boolean yearInKey = y != null && t.sortKey().contains(y.name());
      List<Filter> fs = new ArrayList<>();
      if (yearInKey) {
        fs.add(ctx.filters.equal(t, y, ctx.randomValue(t, y, rng), false));
        fs.addAll(ctx.sampleFilters(ctx.refs(t, false, List.of(y.name())), t.name(), rng.nextInt(2), rng));
        fs.sort(java.util.Comparator.comparingInt(Filter::order));
      } else {
        fs.addAll(ctx.sampleFilters(ctx.refs(t, false, List.of()), t.name(), ctx.filterCount(rng, 0), rng));
      }
      int n = GenContext.pick(List.of(3, 5, 5, 10), rng);
      boolean desc = rng.nextInt(4) > 0;
      String sql = "SELECT " + quoteIdent(id.name()) + ", " + quoteIdent(m.name()) + " FROM " + quoteIdent(t.name()) + GenContext.where(fs)
          + " ORDER BY " + quoteIdent(m.name()) + (desc ? " DESC" : " ASC") + ", " + quoteIdent(id.name()) + " LIMIT " + n;
      String highest = desc ? "highest" : "lowest";
      List<String> patterns = new ArrayList<>(List.of("List the {n} {idpl} with the " + highest + " {mp} {tail}.",
          "Show the " + (desc ? "top" : "bottom") + " {n} {idpl} by {mp} {tail}.",
          "Which {n} {idpl} had the " + highest + " {mp} {tail}?"));
      if (integral) {
        patterns.add("Which {n} {idpl} had the " + (desc ? "most" : "fewest") + " {mp} {tail}?");
      }
      List<LiteralPhrases> lits = GenContext.literals(fs, GenContext.numberLiteral(n));
      return new Draft(family(), id(), sql, lits, GenContext.frames(patterns, r -> Map.of(
          "n", GenContext.pick(PhraseCatalog.numberPhrases(n), r),
          "idpl", Lexicon.plural(GenContext.pick(ctx.lex.columnPhrases(id), r)),
          "mp", GenContext.pick(ctx.lex.columnPhrases(m), r),
          "tail", NounPhrase.tailOnly(fs, ctx.lex.rowNouns(t), r).tail())));
    }
  }

  /** Rounds a positive estimate down to a "nice" threshold (1-2 significant digits), at least 1. */
  static long niceThreshold(double estimate) {
    if (estimate < 2) {
      return 1;
    }
    double mag = Math.pow(10, Math.floor(Math.log10(estimate)));
    double step = estimate / mag >= 3 ? mag : mag / 2;
    return Math.max(1, (long) (Math.floor(estimate / step) * step));
  }

  /**
   * A count threshold that some but usually not all groups exceed: per-group counts among sample rows
   * matching the filters, scaled to the table size; a random point below the largest group.
   */
  static long countThreshold(GenContext ctx, Domain.Table t, Domain.Column g, List<Filter> fs, SplittableRandom rng) {
    List<List<Object>> rows = ctx.matchingRows(t, fs);
    int gi = ctx.catalog.sample(t.name()).indexOf(g.name());
    Map<Object, Integer> counts = new java.util.HashMap<>();
    for (List<Object> row : rows) {
      if (gi >= 0 && row.get(gi) != null) {
        counts.merge(row.get(gi), 1, Integer::sum);
      }
    }
    if (counts.isEmpty()) {
      return 1;
    }
    double scale = ctx.catalog.rowCount(t.name()) / (double) Math.max(1, ctx.catalog.sample(t.name()).rows().size());
    List<Integer> sorted = counts.values().stream().sorted().toList();
    double pick = sorted.get(rng.nextInt(sorted.size())) * scale;
    return niceThreshold(pick * (0.5 + 0.4 * rng.nextDouble()));
  }

  /** {@code SELECT g, COUNT(*) … GROUP BY g HAVING COUNT(*) > k ORDER BY g}. */
  static final class HavingCount implements Template {
    @Override public String id() {
      return "having-count";
    }

    @Override public QueryFamily family() {
      return QueryFamily.HAVING;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return tablesWith(ctx, t -> GenContext.countable(t) && !TopGroups.dims(ctx, t).isEmpty());
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column g = GenContext.pick(TopGroups.dims(ctx, t), rng);
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of(g.name())), t.name(), ctx.filterCount(rng, 0), rng);
      long k = countThreshold(ctx, t, g, fs, rng);
      boolean withValues = withValues(rng);
      String sql = "SELECT " + quoteIdent(g.name()) + (withValues ? ", COUNT(*) AS count" : "") + " FROM "
          + quoteIdent(t.name()) + GenContext.where(fs) + " GROUP BY " + quoteIdent(g.name()) + " HAVING COUNT(*) > " + k
          + " ORDER BY " + quoteIdent(g.name());
      List<String> patterns = withValues
          ? List.of("List the {gpl} with more than {k} {head} {tail}, with their counts.",
              "Show each {gp} with over {k} {head} {tail} and how many.")
          : List.of("Which {gpl} had more than {k} {head} {tail}?",
              "List the {gpl} with more than {k} {head} {tail}.", "Show each {gp} with over {k} {head} {tail}.");
      return new Draft(family(), id(), sql, GenContext.literals(fs, GenContext.numberLiteral(k)),
          GenContext.frames(patterns, r -> {
            NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(t), fs, ctx.lex.isEntity(t), r);
            String gp = GenContext.pick(ctx.lex.columnPhrases(g), r);
            return Map.of("gp", gp, "gpl", Lexicon.plural(gp), "head", np.head(), "tail", np.tail(),
                "k", GenContext.pick(PhraseCatalog.numberPhrases(k), r));
          }));
    }
  }

  /**
   * A threshold between per-group averages of {@code m} among sample rows matching the filters, so that
   * some groups pass; rounded down (above) or up (below) to an integer, or one decimal for narrow
   * ranges. Null when fewer than two groups are seen.
   */
  static Double averageThreshold(GenContext ctx, Domain.Table t, Domain.Column g, Domain.Column m,
      ValueCatalog.MeasureStats s, List<Filter> fs, boolean above, SplittableRandom rng) {
    ValueCatalog.RowSample sample = ctx.catalog.sample(t.name());
    int gi = sample.indexOf(g.name());
    int mi = sample.indexOf(m.name());
    Map<Object, double[]> sums = new java.util.HashMap<>();
    for (List<Object> row : ctx.matchingRows(t, fs)) {
      if (gi >= 0 && mi >= 0 && row.get(gi) != null && row.get(mi) instanceof Number n) {
        double[] a = sums.computeIfAbsent(row.get(gi), k -> new double[2]);
        a[0] += n.doubleValue();
        a[1]++;
      }
    }
    if (sums.size() < 2) {
      return null;
    }
    List<Double> means = sums.values().stream().map(a -> a[0] / a[1]).sorted().toList();
    int i = 1 + rng.nextInt(means.size() - 1);
    double mid = (means.get(i - 1) + means.get(i)) / 2;
    boolean wide = s.integral() || s.max() - s.min() > 20;
    double scale = wide ? 1 : 10;
    return above ? Math.floor(mid * scale) / scale : Math.ceil(mid * scale) / scale;
  }

  /** {@code SELECT g, AVG(m) … GROUP BY g HAVING AVG(m) > x ORDER BY g} (or {@code <}). */
  static final class HavingAverage implements Template {
    @Override public String id() {
      return "having-average";
    }

    @Override public QueryFamily family() {
      return QueryFamily.HAVING;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return tablesWith(ctx, t -> GenContext.countable(t) && !ctx.measures(t).isEmpty()
          && !TopGroups.dims(ctx, t).isEmpty());
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column g = GenContext.pick(TopGroups.dims(ctx, t), rng);
      Domain.Column mc = GenContext.pick(ctx.measures(t), rng);
      ValueCatalog.MeasureStats s = ctx.catalog.measure(t.name(), mc.name()).orElseThrow();
      Metric m = Metric.of("AVG", t, mc, false);
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of(g.name())), t.name(), ctx.filterCount(rng, 0), rng);
      boolean above = rng.nextBoolean();
      Double x = averageThreshold(ctx, t, g, mc, s, fs, above, rng);
      if (x == null) {
        return null;
      }
      String xs = PhraseCatalog.formatNumber(x);
      String cmp = above ? GenContext.pick(List.of("above", "greater than", "over"), rng)
          : GenContext.pick(List.of("below", "less than", "under"), rng);
      boolean withValues = withValues(rng);
      String sql = "SELECT " + quoteIdent(g.name()) + (withValues ? ", " + m.sql() + " AS " + m.alias() : "") + " FROM "
          + quoteIdent(t.name()) + GenContext.where(fs) + " GROUP BY " + quoteIdent(g.name()) + " HAVING " + m.raw()
          + (above ? " > " : " < ") + xs + " ORDER BY " + quoteIdent(g.name());
      List<String> patterns = withValues
          ? List.of("List the {gpl} whose average {mp} is " + cmp + " {x} {tail}, with their averages.",
              "Show each {gp} with a mean {mp} " + cmp + " {x} {tail} and that mean.")
          : List.of("Which {gpl} have an average {mp} " + cmp + " {x} {tail}?",
              "List the {gpl} whose average {mp} is " + cmp + " {x} {tail}.",
              "Show each {gp} with a mean {mp} " + cmp + " {x} {tail}.");
      return new Draft(family(), id(), sql, GenContext.literals(fs, new LiteralPhrases(xs, List.of(xs))),
          GenContext.frames(patterns, r -> {
            String gp = GenContext.pick(ctx.lex.columnPhrases(g), r);
            return Map.of("gp", gp, "gpl", Lexicon.plural(gp), "x", xs,
                "mp", GenContext.pick(ctx.lex.columnPhrases(mc), r),
                "tail", NounPhrase.tailOnly(fs, ctx.lex.rowNouns(t), r).tail());
          }));
    }
  }

  /** {@code SELECT key, COUNT(*) FROM fact WHERE … GROUP BY key HAVING COUNT(*) >= k ORDER BY key}. */
  static final class HavingKeys implements Template {
    @Override public String id() {
      return "having-keys";
    }

    @Override public QueryFamily family() {
      return QueryFamily.HAVING;
    }

    @Override public double weight() {
      return 0.6;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      List<List<String>> out = new ArrayList<>();
      for (Domain.Join j : ctx.domain.joins()) {
        out.add(List.of(j.left(), j.right()));
      }
      return out;
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table r = ctx.table(tables.get(1));
      String on = JoinTemplates.join(ctx, ctx.table(tables.get(0)), r).rightColumn();
      Domain.Column key = r.column(on).orElseThrow();
      List<Filter> fs = ctx.sampleFilters(
          ctx.refs(r, false, JoinTemplates.perKeyExclusions(ctx, r)), r.name(), 1 + rng.nextInt(2), rng);
      long k = JoinTemplates.perKeyThreshold(ctx, tables, fs, rng);
      if (k < 2) {
        return null;
      }
      boolean withValues = withValues(rng);
      String sql = "SELECT " + quoteIdent(on) + (withValues ? ", COUNT(*) AS count" : "") + " FROM " + quoteIdent(r.name())
          + GenContext.where(fs) + " GROUP BY " + quoteIdent(on) + " HAVING COUNT(*) >= " + k + " ORDER BY "
          + quoteIdent(on);
      List<String> patterns = withValues
          ? List.of("List the {idpl} with {k} or more {head} {tail}, with their counts.",
              "Show the {idpl} with at least {k} {head} {tail} and how many each had.")
          : List.of("Which {idpl} had at least {k} {head} {tail}?", "List the {idpl} with {k} or more {head} {tail}.");
      return new Draft(family(), id(), sql, GenContext.literals(fs, GenContext.numberLiteral(k)),
          GenContext.frames(patterns, x -> {
            NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(r), fs, false, x);
            return Map.of("idpl", Lexicon.plural(GenContext.pick(ctx.lex.columnPhrases(key), x)),
                "head", np.head(), "tail", np.tail(), "k", GenContext.pick(PhraseCatalog.numberPhrases(k), x));
          }));
    }
  }
}
