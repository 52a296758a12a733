package dev.quarry.synth.generate;

import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.PhraseCatalog;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/** Everything templates need: domain, value catalog, lexicon, filter factory, settings and helpers. */
final class GenContext implements Serializable {
  private static final long serialVersionUID = 1L;

  final Domain domain;
  final ValueCatalog catalog;
  final Lexicon lex;
  final Filters filters;
  final SynthConfig config;

  GenContext(Domain domain, ValueCatalog catalog, SynthConfig config) {
    this.domain = domain;
    this.catalog = catalog;
    this.lex = new Lexicon(domain);
    this.filters = new Filters(lex);
    this.config = config;
  }

  /** A column of a table, as it is referred to in SQL (qualified in joins). */
  record ColRef(Domain.Table table, Domain.Column column, boolean qualified) {
    String key() {
      return qualified ? table.name() + "." + column.name() : column.name();
    }

    /** The column as written in SQL ({@link Filters#sqlCol}). */
    String sql() {
      return Filters.sqlCol(table, column, qualified);
    }
  }

  Domain.Table table(String name) {
    return domain.requireTable(name);
  }

  /** Dimension, year and flag columns that have at least one value in the data. */
  List<Domain.Column> filterable(Domain.Table t) {
    List<Domain.Column> out = new ArrayList<>();
    for (Domain.Column c : t.columns()) {
      boolean role = c.role() == ColumnRole.DIMENSION || c.role() == ColumnRole.YEAR || c.role() == ColumnRole.FLAG;
      if (role && !catalog.values(t.name(), c.name()).isEmpty()) {
        out.add(c);
      }
    }
    return out;
  }

  /** Dimension and flag columns (not the year) with at least {@code minValues} distinct values. */
  List<Domain.Column> groupable(Domain.Table t, int minValues) {
    List<Domain.Column> out = new ArrayList<>();
    for (Domain.Column c : t.columns()) {
      boolean role = c.role() == ColumnRole.DIMENSION || c.role() == ColumnRole.FLAG;
      if (role && catalog.values(t.name(), c.name()).size() >= minValues) {
        out.add(c);
      }
    }
    return out;
  }

  /** The year column of a table, or null. */
  Domain.Column yearColumn(Domain.Table t) {
    List<Domain.Column> y = t.columnsWithRole(ColumnRole.YEAR);
    return y.isEmpty() || catalog.values(t.name(), y.get(0).name()).isEmpty() ? null : y.get(0);
  }

  /** Measures with statistics. */
  List<Domain.Column> measures(Domain.Table t) {
    return t.columnsWithRole(ColumnRole.MEASURE).stream()
        .filter(m -> catalog.measure(t.name(), m.name()).isPresent()).toList();
  }

  /** Whether rows are individual records (the table has an id column), so counting rows makes sense. */
  static boolean countable(Domain.Table t) {
    return !t.columnsWithRole(ColumnRole.ID).isEmpty();
  }

  /**
   * Aggregates that make sense for a measure: tables without an id column (pre-aggregated counts) only
   * SUM; otherwise AVG, MIN, MAX and, for integer measures, SUM.
   */
  List<String> aggregates(Domain.Table t, Domain.Column m) {
    if (!countable(t)) {
      return List.of("SUM");
    }
    boolean integral = catalog.measure(t.name(), m.name()).map(ValueCatalog.MeasureStats::integral).orElse(false);
    return integral ? List.of("AVG", "SUM", "MIN", "MAX") : List.of("AVG", "MIN", "MAX");
  }

  /** A random metric for a table: COUNT (if countable) or an aggregate of a random measure. */
  Metric randomMetric(Domain.Table t, SplittableRandom rng, boolean qualified, List<String> allowedFns) {
    List<Metric> options = new ArrayList<>();
    if (countable(t) && allowedFns.contains("COUNT")) {
      options.add(Metric.count());
    }
    for (Domain.Column m : measures(t)) {
      for (String fn : aggregates(t, m)) {
        if (allowedFns.contains(fn)) {
          options.add(Metric.of(fn, t, m, qualified));
        }
      }
    }
    if (options.isEmpty()) {
      return null;
    }
    // COUNT as likely as all aggregates together.
    if (options.get(0).isCount() && options.size() > 1 && rng.nextBoolean()) {
      return options.get(0);
    }
    return pick(options, rng);
  }

  /** A number of filters in {@code min..config.maxFilters} (or {@code min} when it is larger). */
  int filterCount(SplittableRandom rng, int min) {
    int max = Math.max(min, config.maxFilters());
    return min + rng.nextInt(max - min + 1);
  }

  /** Candidate filter columns of a table, excluding some column names. */
  List<ColRef> refs(Domain.Table t, boolean qualified, List<String> exclude) {
    List<ColRef> out = new ArrayList<>();
    for (Domain.Column c : filterable(t)) {
      if (!exclude.contains(c.name())) {
        out.add(new ColRef(t, c, qualified));
      }
    }
    return out;
  }

  /**
   * Samples up to {@code k} equality filters on distinct columns of {@code cols} that select real rows
   * together: the first value is uniform over the column's distinct values, the others come from a
   * sampled real row having that value. A year column, if present, is chosen first with probability
   * 1/2. One filter set in {@value #VARY_ONE_IN} then has one dimension condition turned into a choice of two
   * values, an inequality or a range ({@link #vary}), so that questions such as "bullying or harassment incidents",
   * "students not at Lincoln" and "grades 6 through 8" are learned. Filters come back in canonical (column) order.
   *
   * @param sampleKey key of the row sample holding all of {@code cols} (table name or {@code left+right})
   */
  List<Filter> sampleFilters(List<ColRef> cols, String sampleKey, int k, SplittableRandom rng) {
    List<ColRef> order = new ArrayList<>(cols);
    shuffle(order, rng);
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).column().role() == ColumnRole.YEAR && rng.nextBoolean()) {
        order.add(0, order.remove(i));
        break;
      }
    }
    List<ColRef> chosen = order.subList(0, Math.min(k, order.size()));
    if (chosen.isEmpty()) {
      return new ArrayList<>();
    }
    List<ColRef> refs = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    ColRef first = chosen.get(0);
    List<ValueCatalog.ValueCount> vals = catalog.values(first.table().name(), first.column().name());
    Object v0 = vals.get(rng.nextInt(vals.size())).value();
    refs.add(first);
    values.add(v0);
    if (chosen.size() > 1) {
      ValueCatalog.RowSample s = catalog.sample(sampleKey);
      int i0 = s.indexOf(first.key());
      List<List<Object>> matching = new ArrayList<>();
      for (List<Object> row : s.rows()) {
        if (i0 >= 0 && v0.equals(row.get(i0))) {
          matching.add(row);
        }
      }
      if (!matching.isEmpty()) {
        List<Object> row = matching.get(rng.nextInt(matching.size()));
        for (ColRef c : chosen.subList(1, chosen.size())) {
          int i = s.indexOf(c.key());
          if (i >= 0 && row.get(i) != null) {
            refs.add(c);
            values.add(row.get(i));
          }
        }
      }
    }
    int varied = variedFilter(refs, values, rng);
    List<Filter> out = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      ColRef c = refs.get(i);
      out.add(i == varied ? vary(c, values.get(i), rng) : filters.equal(c.table(), c.column(), values.get(i), c.qualified()));
    }
    out.sort(Comparator.comparingInt(Filter::order).thenComparing(Filter::column));
    return out;
  }

  /** One filter set in {@value #VARY_ONE_IN} gets one dimension condition that is not an equality. */
  static final int VARY_ONE_IN = 6;

  /**
   * Which sampled condition, if any, becomes a choice of two values, an inequality or a range
   * ({@link #vary}): with probability 1/{@value #VARY_ONE_IN}, one of the dimension conditions that can vary.
   *
   * @return its index in {@code refs}, or -1
   */
  private int variedFilter(List<ColRef> refs, List<Object> values, SplittableRandom rng) {
    if (rng.nextInt(VARY_ONE_IN) != 0) {
      return -1;
    }
    List<Integer> can = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      ColRef c = refs.get(i);
      if (c.column().role() == ColumnRole.DIMENSION && catalog.values(c.table().name(), c.column().name()).size() >= 3) {
        can.add(i);
      }
    }
    return can.isEmpty() ? -1 : can.get(rng.nextInt(can.size()));
  }

  /**
   * A dimension condition other than equality around a sampled value: text values become {@code IN} with a
   * second value (two times in three) or {@code <>}; integer values become {@code IN} or a {@code BETWEEN} range
   * of real values that contains the sampled one.
   */
  private Filter vary(ColRef c, Object value, SplittableRandom rng) {
    List<Object> others = new ArrayList<>();
    for (ValueCatalog.ValueCount vc : catalog.values(c.table().name(), c.column().name())) {
      if (!vc.value().equals(value)) {
        others.add(vc.value());
      }
    }
    int kind = rng.nextInt(3);
    if (kind == 2 && value instanceof String text) {
      return filters.notEqual(c.table(), c.column(), text, c.qualified());
    }
    if (kind == 2 && value instanceof Long v) {
      List<Long> ints = new ArrayList<>();
      for (Object o : others) {
        if (o instanceof Long l) {
          ints.add(l);
        }
      }
      ints.add(v);
      ints.sort(null);
      int at = ints.indexOf(v);
      int lo = Math.max(0, at - rng.nextInt(3));
      int hi = Math.min(ints.size() - 1, lo + 2 + rng.nextInt(2));
      if (ints.get(lo) >= 1 && ints.get(lo) < ints.get(hi)) {
        return filters.range(c.table(), c.column(), ints.get(lo), ints.get(hi), c.qualified());
      }
    }
    return filters.anyOf(c.table(), c.column(), value, pick(others, rng), c.qualified());
  }

  /**
   * Rows of a table's sample that satisfy every equality filter (thresholds are ignored); filters must
   * be on {@code t}'s unqualified columns.
   */
  List<List<Object>> matchingRows(Domain.Table t, List<Filter> fs) {
    ValueCatalog.RowSample s = catalog.sample(t.name());
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : s.rows()) {
      boolean ok = true;
      for (Filter f : fs) {
        int i = s.indexOf(f.column());
        if (f.value() != null && i >= 0 && !f.value().equals(row.get(i))) {
          ok = false;
          break;
        }
      }
      if (ok) {
        out.add(row);
      }
    }
    return out;
  }

  /** Distinct non-null values of {@code c} among sample rows matching {@code fs}, in first-seen order. */
  List<Object> valuesAmong(Domain.Table t, Domain.Column c, List<Filter> fs) {
    int i = catalog.sample(t.name()).indexOf(c.name());
    java.util.LinkedHashSet<Object> out = new java.util.LinkedHashSet<>();
    if (i >= 0) {
      for (List<Object> row : matchingRows(t, fs)) {
        if (row.get(i) != null) {
          out.add(row.get(i));
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** A random value of a column, uniform over distinct values. */
  Object randomValue(Domain.Table t, Domain.Column c, SplittableRandom rng) {
    List<ValueCatalog.ValueCount> vals = catalog.values(t.name(), c.name());
    return vals.get(rng.nextInt(vals.size())).value();
  }

  /** " WHERE a AND b" for the predicates, or "". */
  static String where(List<Filter> fs, String... extra) {
    List<String> preds = new ArrayList<>();
    fs.forEach(f -> preds.add(f.sql()));
    preds.addAll(List.of(extra));
    return preds.isEmpty() ? "" : " WHERE " + String.join(" AND ", preds);
  }

  /** The literals of the filters followed by the extra ones. */
  static List<LiteralPhrases> literals(List<Filter> fs, LiteralPhrases... extra) {
    List<LiteralPhrases> out = new ArrayList<>();
    fs.forEach(f -> out.addAll(f.literals()));
    out.addAll(List.of(extra));
    return out;
  }

  static <T> T pick(List<T> l, SplittableRandom rng) {
    return l.get(rng.nextInt(l.size()));
  }

  static <T> void shuffle(List<T> l, SplittableRandom rng) {
    for (int i = l.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      T tmp = l.get(i);
      l.set(i, l.get(j));
      l.set(j, tmp);
    }
  }

  /**
   * Frames from patterns with {@code {slot}} placeholders; each render asks {@code slots} for a fresh,
   * mutually consistent set of slot values.
   */
  static List<Draft.Frame> frames(List<String> patterns, Function<SplittableRandom, Map<String, String>> slots) {
    List<Draft.Frame> out = new ArrayList<>();
    for (String p : patterns) {
      out.add(r -> fill(p, slots.apply(r)));
    }
    return out;
  }

  static String fill(String pattern, Map<String, String> slots) {
    String s = pattern;
    for (Map.Entry<String, String> e : slots.entrySet()) {
      s = s.replace("{" + e.getKey() + "}", e.getValue());
    }
    if (s.contains("{")) {
      throw new IllegalStateException("Unfilled slot in '" + s + "'");
    }
    return s;
  }

  /** A mutable slot map. */
  static Map<String, String> slots(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * A phrase for a year: long or short form, "the … school year", or (half the time, when allowed and the domain
   * has one for this year) a relative phrase.
   */
  String yearPhrase(String year, SplittableRandom rng, boolean allowRelative) {
    List<String> rel = lex.catalog().relativeYearPhrases(year);
    if (allowRelative && !rel.isEmpty() && rng.nextBoolean()) {
      return pick(rel, rng);
    }
    String ys = PhraseCatalog.shortYear(year);
    String yp = lex.columnPhrases(yearColumnOfDomain()).get(0);
    return pick(List.of(year, ys, ys, "the " + ys + " " + yp, "the " + year + " " + yp), rng);
  }

  /** An adverbial for a year phrase: "in 2023-24", "in the previous school year", "last year". */
  String inYear(String phrase) {
    if (domain.years() == null || domain.years().relative() == null) {
      return "in " + phrase;
    }
    for (List<String> rel : domain.years().relative().values()) {
      if (rel.contains(phrase) && !phrase.startsWith("the ")) {
        return phrase;
      }
    }
    return "in " + phrase;
  }

  private Domain.Column yearColumnOfDomain() {
    for (Domain.Table t : domain.tables()) {
      Domain.Column y = yearColumn(t);
      if (y != null) {
        return y;
      }
    }
    throw new IllegalStateException("Domain has no year column");
  }

  /** LiteralPhrases of a year value. */
  LiteralPhrases yearLiteral(String year) {
    return new LiteralPhrases(Filters.sqlValue(year), lex.catalog().yearPhrases(year));
  }

  /** LiteralPhrases of an integer count such as a LIMIT or HAVING threshold. */
  static LiteralPhrases numberLiteral(Number n) {
    return new LiteralPhrases(PhraseCatalog.formatNumber(n), PhraseCatalog.numberPhrases(n));
  }
}
