package dev.quarry.synth.generate;

import static dev.quarry.core.sql.SqlIdentifiers.quoteIdent;

import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.SqlType;
import dev.quarry.core.duckdb.LocalDuckDb;
import dev.quarry.core.sql.SqlIdentifiers;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real values of the seed data, so that generated filters select real rows.
 *
 * <p>Holds, per table: the row count; for every dimension, year and flag column the distinct values
 * with their row counts (values are {@link String}, {@link Long} or {@link Boolean}, sorted); for every
 * measure its min, max and deciles; for every date column its min, max and the {@code YYYY-MM} months
 * present. It also holds deterministic row samples (every k-th row in sort-key order) of the
 * filterable columns and measures of each table and of the filterable columns of each domain join, and for each join the distribution of
 * right-table rows per join key.
 *
 * <p>Immutable and {@link Serializable}; build it with {@link #fromSeed(Domain, Path)} or, in tests,
 * with the constructor.
 */
public final class ValueCatalog implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Rows kept per sample by {@link #fromSeed(Domain, Path)}. */
  public static final int SAMPLE_ROWS = 1500;

  /** A value and the number of rows that have it. */
  public record ValueCount(Object value, long count) implements Serializable {}

  /**
   * Statistics of a numeric measure.
   *
   * @param deciles 11 values: the 0th, 10th, …, 100th percentile
   * @param integral whether the column is an integer type
   */
  public record MeasureStats(double min, double max, List<Double> deciles, boolean integral) implements Serializable {
    /** Returns the {@code p}-th decile, {@code p} in 0..10. */
    public double decile(int p) {
      return deciles.get(p);
    }
  }

  /**
   * Statistics of a DATE column.
   *
   * @param min earliest date, ISO {@code YYYY-MM-DD}
   * @param max latest date, ISO
   * @param months {@code YYYY-MM} strings with row counts, ascending
   */
  public record DateStats(String min, String max, List<ValueCount> months) implements Serializable {}

  /**
   * A sample of real rows.
   *
   * @param columns column keys: {@code column} for a table sample, {@code table.column} for a join sample
   * @param rows rows of values in column order (String, Long, Boolean; null where the data is null)
   */
  public record RowSample(List<String> columns, List<List<Object>> rows) implements Serializable {
    /** Index of a column key, or -1. */
    public int indexOf(String column) {
      return columns.indexOf(column);
    }
  }

  /** Statistics of one table. Maps are keyed by column name. */
  public record TableStats(
      long rowCount,
      Map<String, List<ValueCount>> values,
      Map<String, MeasureStats> measures,
      Map<String, DateStats> dates)
      implements Serializable {}

  private final Map<String, TableStats> tables;
  private final Map<String, RowSample> samples;
  private final Map<String, List<ValueCount>> rowsPerKey;

  /**
   * Builds a catalog from prepared statistics (tests, or a catalog computed elsewhere).
   *
   * @param tables statistics per table name
   * @param samples row samples keyed by table name, or by {@code left+right} for a join
   * @param rowsPerKey per join {@code left+right}: how many join keys have n rows in the right table
   *     (value = n as Long)
   */
  public ValueCatalog(
      Map<String, TableStats> tables, Map<String, RowSample> samples, Map<String, List<ValueCount>> rowsPerKey) {
    this.tables = Map.copyOf(tables);
    this.samples = Map.copyOf(samples);
    this.rowsPerKey = Map.copyOf(rowsPerKey);
  }

  /**
   * Reads the seed data {@code <seedDir>/<table>/*.parquet} of every domain table through views over
   * the Parquet files in an in-memory DuckDB that never loads or installs extensions; samples are taken in
   * a total order (sort key, then every column), so they do not depend on file scan order.
   *
   * @throws IllegalArgumentException if a table directory is missing or DuckDB fails; the message names it
   */
  public static ValueCatalog fromSeed(Domain domain, Path seedDir) {
    for (Domain.Table t : domain.tables()) {
      if (!Files.isDirectory(seedDir.resolve(t.name()))) {
        throw new IllegalArgumentException("Seed directory lacks table folder: " + seedDir.resolve(t.name()));
      }
    }
    try (Connection c = LocalDuckDb.open();
        Statement st = c.createStatement()) {
      for (Domain.Table t : domain.tables()) {
        String glob = seedDir.resolve(t.name()).toAbsolutePath() + "/*.parquet";
        // A view, not a table: DuckDB streams the Parquet files for each query, so the catalog never
        // holds a whole table in memory (scale 100 has tens of millions of grade rows).
        st.execute("CREATE VIEW " + quoteIdent(t.name()) + " AS SELECT * FROM read_parquet(" + quote(glob) + ")");
      }
      Map<String, TableStats> stats = new LinkedHashMap<>();
      Map<String, RowSample> samples = new LinkedHashMap<>();
      for (Domain.Table t : domain.tables()) {
        stats.put(t.name(), tableStats(st, t));
        samples.put(t.name(), tableSample(st, t));
      }
      Map<String, List<ValueCount>> perKey = new LinkedHashMap<>();
      for (Domain.Join j : domain.joins()) {
        String key = j.left() + "+" + j.right();
        samples.put(key, joinSample(st, domain, j));
        perKey.put(key, counts(st, "SELECT n, COUNT(*) FROM (SELECT COUNT(*) AS n FROM " + quoteIdent(j.right())
            + " GROUP BY " + quoteIdent(j.rightColumn()) + ") GROUP BY n ORDER BY n"));
      }
      return new ValueCatalog(stats, samples, perKey);
    } catch (SQLException e) {
      throw new IllegalArgumentException("Cannot read seed data in " + seedDir + ": " + e.getMessage(), e);
    }
  }

  private static TableStats tableStats(Statement st, Domain.Table t) throws SQLException {
    String table = quoteIdent(t.name());
    long rows = counts(st, "SELECT 1, COUNT(*) FROM " + table).get(0).count();
    Map<String, List<ValueCount>> values = new LinkedHashMap<>();
    Map<String, MeasureStats> measures = new LinkedHashMap<>();
    Map<String, DateStats> dates = new LinkedHashMap<>();
    for (Domain.Column col : t.columns()) {
      String n = col.name();
      String q = quoteIdent(n);
      switch (col.role()) {
        case DIMENSION, YEAR, FLAG -> values.put(n, counts(st,
            "SELECT " + q + ", COUNT(*) FROM " + table + " WHERE " + q + " IS NOT NULL GROUP BY 1 ORDER BY 1"));
        case MEASURE -> {
          StringBuilder sql = new StringBuilder("SELECT ");
          for (int p = 0; p <= 10; p++) {
            sql.append(p == 0 ? "" : ", ").append("quantile_cont(").append(q).append(", ").append(p / 10.0).append(")");
          }
          sql.append(" FROM ").append(table);
          try (ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            List<Double> dec = new ArrayList<>();
            for (int p = 1; p <= 11; p++) {
              dec.add(rs.getDouble(p));
            }
            boolean integral = col.type() == SqlType.INTEGER;
            measures.put(n, new MeasureStats(dec.get(0), dec.get(10), List.copyOf(dec), integral));
          }
        }
        case DATE -> {
          String min;
          String max;
          try (ResultSet rs = st.executeQuery(
              "SELECT CAST(MIN(" + q + ") AS VARCHAR), CAST(MAX(" + q + ") AS VARCHAR) FROM " + table)) {
            rs.next();
            min = rs.getString(1);
            max = rs.getString(2);
          }
          List<ValueCount> months = counts(st, "SELECT strftime(" + q + ", '%Y-%m'), COUNT(*) FROM " + table
              + " WHERE " + q + " IS NOT NULL GROUP BY 1 ORDER BY 1");
          if (min != null) {
            dates.put(n, new DateStats(min, max, months));
          }
        }
        default -> { }
      }
    }
    return new TableStats(rows, values, measures, dates);
  }

  private static boolean sampled(Domain.Column c) {
    return c.role() == ColumnRole.DIMENSION || c.role() == ColumnRole.YEAR || c.role() == ColumnRole.FLAG;
  }

  private static RowSample tableSample(Statement st, Domain.Table t) throws SQLException {
    List<String> cols = t.columns().stream().filter(c -> sampled(c) || c.role() == ColumnRole.MEASURE)
        .map(Domain.Column::name).toList();
    if (cols.isEmpty()) {
      return new RowSample(List.of(), List.of());
    }
    String order = String.join(", ", orderColumns(t).stream().map(SqlIdentifiers::quoteIdent).toList());
    String sql = "SELECT " + String.join(", ", cols.stream().map(SqlIdentifiers::quoteIdent).toList())
        + " FROM (SELECT *, row_number() OVER (ORDER BY " + order
        + ") AS rn_, COUNT(*) OVER () AS n_ FROM " + quoteIdent(t.name()) + ") WHERE rn_ % greatest(1, n_ // "
        + SAMPLE_ROWS + ") = 0 ORDER BY rn_ LIMIT " + SAMPLE_ROWS;
    return new RowSample(cols, rows(st, sql, cols.size()));
  }

  private static RowSample joinSample(Statement st, Domain domain, Domain.Join j) throws SQLException {
    Domain.Table l = domain.requireTable(j.left());
    Domain.Table r = domain.requireTable(j.right());
    List<String> keys = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    for (Domain.Table t : List.of(l, r)) {
      for (Domain.Column c : t.columns()) {
        if (sampled(c)) {
          keys.add(t.name() + "." + c.name());
          exprs.add(SqlIdentifiers.qualified(t.name(), c.name()));
        }
      }
    }
    List<String> order = new ArrayList<>();
    for (String c : orderColumns(r)) {
      order.add(SqlIdentifiers.qualified(r.name(), c));
    }
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i < exprs.size(); i++) {
      aliases.add("c" + i + "__");
    }
    List<String> aliasedList = new ArrayList<>();
    for (int i = 0; i < exprs.size(); i++) {
      aliasedList.add(exprs.get(i) + " AS " + aliases.get(i));
    }
    String aliased = String.join(", ", aliasedList);
    String inner = "SELECT " + aliased + ", row_number() OVER (ORDER BY " + String.join(", ", order)
        + ") AS rn_, COUNT(*) OVER () AS n_ FROM " + quoteIdent(l.name()) + " JOIN " + quoteIdent(r.name()) + " ON "
        + SqlIdentifiers.qualified(l.name(), j.leftColumn()) + " = "
        + SqlIdentifiers.qualified(r.name(), j.rightColumn());
    String outerCols = String.join(", ", aliases);
    String sql = "SELECT " + outerCols + " FROM (" + inner + ") WHERE rn_ % greatest(1, n_ // " + SAMPLE_ROWS
        + ") = 0 ORDER BY rn_ LIMIT " + SAMPLE_ROWS;
    return new RowSample(keys, rows(st, sql, keys.size()));
  }

  /** Sort key first, then every column, so that the order is total. */
  private static List<String> orderColumns(Domain.Table t) {
    List<String> order = new ArrayList<>(t.sortKey());
    for (String c : t.columnNames()) {
      if (!order.contains(c)) {
        order.add(c);
      }
    }
    return order;
  }

  private static List<List<Object>> rows(Statement st, String sql, int width) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
          row.add(normalize(rs.getObject(i)));
        }
        out.add(java.util.Collections.unmodifiableList(row));
      }
    }
    return List.copyOf(out);
  }

  private static List<ValueCount> counts(Statement st, String sql) throws SQLException {
    List<ValueCount> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(new ValueCount(normalize(rs.getObject(1)), rs.getLong(2)));
      }
    }
    return List.copyOf(out);
  }

  /** Integers become Long, dates their ISO string; String and Boolean stay. */
  static Object normalize(Object o) {
    if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
      return ((Number) o).longValue();
    }
    if (o instanceof java.math.BigInteger b) {
      return b.longValue();
    }
    if (o instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (o instanceof java.time.LocalDate d) {
      return d.toString();
    }
    return o;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** Row count of a table; 0 if unknown. */
  public long rowCount(String table) {
    TableStats t = tables.get(table);
    return t == null ? 0 : t.rowCount();
  }

  /** Distinct non-null values with counts of a dimension/year/flag column; empty if unknown. */
  public List<ValueCount> values(String table, String column) {
    TableStats t = tables.get(table);
    return t == null ? List.of() : t.values().getOrDefault(column, List.of());
  }

  /** Statistics of a measure column. */
  public Optional<MeasureStats> measure(String table, String column) {
    TableStats t = tables.get(table);
    return t == null ? Optional.empty() : Optional.ofNullable(t.measures().get(column));
  }

  /** Statistics of a date column. */
  public Optional<DateStats> dates(String table, String column) {
    TableStats t = tables.get(table);
    return t == null ? Optional.empty() : Optional.ofNullable(t.dates().get(column));
  }

  /** Row sample of a table, or of a join under key {@code left+right}; empty sample if unknown. */
  public RowSample sample(String key) {
    return samples.getOrDefault(key, new RowSample(List.of(), List.of()));
  }

  /** For join {@code left+right}: how many join keys have n right-table rows, ascending by n. */
  public List<ValueCount> rowsPerKey(String joinKey) {
    return rowsPerKey.getOrDefault(joinKey, List.of());
  }

  /** The statistics of every table, keyed by name. */
  public Map<String, TableStats> tables() {
    return tables;
  }
}
