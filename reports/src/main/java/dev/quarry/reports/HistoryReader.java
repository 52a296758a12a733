package dev.quarry.reports;

import dev.quarry.core.duckdb.LocalDuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@code <workspace>/evals/history.duckdb} (tables in {@link dev.quarry.eval.run.HistoryDb}) read-only.
 * TIMESTAMP columns are read as UTC.
 */
public final class HistoryReader {

  private HistoryReader() {}

  /**
   * Reads all runs and breakdowns.
   *
   * @param dbFile the DuckDB file
   * @return the history (possibly with no runs)
   * @throws IllegalArgumentException if the file does not exist, naming it and the command that makes it
   * @throws IllegalStateException if it cannot be read as a history database (wrong tables, corrupt file)
   */
  public static History read(Path dbFile) {
    if (!Files.isRegularFile(dbFile)) {
      throw new IllegalArgumentException("No evaluation history at " + dbFile
          + ": run 'quarry eval' first (each run appends to this DuckDB file)");
    }
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    props.setProperty("autoinstall_known_extensions", "false");
    props.setProperty("autoload_known_extensions", "false");
    try (Connection c = LocalDuckDb.connect("jdbc:duckdb:" + dbFile.toAbsolutePath(), props);
        Statement st = c.createStatement()) {
      List<RunRecord> runs = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(
          "SELECT run_id, started_at, finished_at, model_spec, model_id, bank_sha256, n, ex_strict, ex_lenient,"
              + " test_suite, exact_set, valid_sql, run_dir FROM runs ORDER BY started_at, run_id")) {
        while (rs.next()) {
          runs.add(new RunRecord(rs.getString(1), instant(rs, 2), instant(rs, 3), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getInt(7), dbl(rs, 8), dbl(rs, 9), dbl(rs, 10),
              dbl(rs, 11), dbl(rs, 12), rs.getString(13)));
        }
      }
      Map<String, List<BreakdownRecord>> breakdowns = new LinkedHashMap<>();
      try (ResultSet rs = st.executeQuery(
          "SELECT run_id, scope, key, n, ex_strict, ex_lenient, test_suite FROM run_breakdown"
              + " ORDER BY run_id, scope, key")) {
        while (rs.next()) {
          BreakdownRecord b = new BreakdownRecord(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getInt(4), dbl(rs, 5), dbl(rs, 6), dbl(rs, 7));
          breakdowns.computeIfAbsent(b.runId(), k -> new ArrayList<>()).add(b);
        }
      }
      return new History(List.copyOf(runs), breakdowns);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read evaluation history " + dbFile + ": " + e.getMessage(), e);
    }
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    Object o = rs.getObject(col);
    if (o == null) {
      return null;
    }
    if (o instanceof Timestamp ts) {
      return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    if (o instanceof java.time.LocalDateTime ldt) {
      return ldt.toInstant(ZoneOffset.UTC);
    }
    if (o instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    return Instant.parse(o.toString());
  }

  private static double dbl(ResultSet rs, int col) throws SQLException {
    double v = rs.getDouble(col);
    return rs.wasNull() ? Double.NaN : v;
  }
}
