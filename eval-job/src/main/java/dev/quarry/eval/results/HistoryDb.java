package dev.quarry.eval.results;

import dev.quarry.core.duckdb.LocalDuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The eval history: a DuckDB file {@code <workspace>/evals/history.duckdb} that every run appends to, so
 * trends can be queried with SQL. This class owns the DDL (tables {@value #RUNS}, {@value #BREAKDOWN},
 * {@value #RESULTS}; columns as in the eval output contract), the writer ({@link #append}) and the readers
 * ({@link #find} for {@code --baseline}, {@link #read} for the report); nothing else states the schema.
 *
 * <p>Writes happen in one transaction on a connection opened for the append and closed after it. DuckDB
 * lets one process hold the file for writing; a second concurrent writer fails with
 * {@link IllegalStateException} naming the file.
 */
public final class HistoryDb {

  /** File name under {@code evals/}. */
  public static final String FILE_NAME = "history.duckdb";
  /** Table of runs. */
  public static final String RUNS = "runs";
  /** Table of per-category and per-difficulty metrics. */
  public static final String BREAKDOWN = "run_breakdown";
  /** Table of per-question verdicts. */
  public static final String RESULTS = "results";

  /** The DDL, idempotent. */
  private static final List<String> DDL = List.of(
      "CREATE TABLE IF NOT EXISTS runs(run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,"
          + " model_spec VARCHAR, model_id VARCHAR, bank_sha256 VARCHAR, n INTEGER, ex_strict DOUBLE,"
          + " ex_lenient DOUBLE, test_suite DOUBLE, exact_set DOUBLE, valid_sql DOUBLE, run_dir VARCHAR)",
      "CREATE TABLE IF NOT EXISTS run_breakdown(run_id VARCHAR, scope VARCHAR, key VARCHAR, n INTEGER,"
          + " ex_strict DOUBLE, ex_lenient DOUBLE, test_suite DOUBLE)",
      "CREATE TABLE IF NOT EXISTS results(run_id VARCHAR, id VARCHAR, category VARCHAR, difficulty VARCHAR,"
          + " ex_strict BOOLEAN, ex_lenient BOOLEAN, test_suite BOOLEAN, exact_set BOOLEAN, error_class VARCHAR,"
          + " latency_ms DOUBLE)");

  private final Path file;

  /** @param file the DuckDB file (created on first append) */
  public HistoryDb(Path file) {
    this.file = file;
  }

  /** The history file of a workspace: {@code <workspace>/evals/history.duckdb}. */
  public static HistoryDb inWorkspace(Path workspaceRoot) {
    return new HistoryDb(RunFiles.evalsDir(workspaceRoot).resolve(FILE_NAME));
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /**
   * One row of {@code runs}. Read back, a NULL metric is NaN.
   *
   * @param runId {@code <UTC yyyyMMdd'T'HHmmss'Z'>-<model-id>}; sorts chronologically
   * @param startedAt start, UTC
   * @param finishedAt end, UTC
   * @param modelSpec the --model value, e.g. {@code djl:/path}, {@code gold}
   * @param modelId model id
   * @param bankSha256 SHA-256 of the query bank: runs are comparable only on the same bank
   * @param metrics overall metrics (fractions in 0..1)
   * @param runDir the run directory as recorded (absolute, or relative to the workspace or to {@code evals/})
   */
  public record RunRow(String runId, Instant startedAt, Instant finishedAt, String modelSpec, String modelId,
      String bankSha256, Metrics metrics, String runDir) {}

  /** {@code run_breakdown.scope} of per-category rows. */
  public static final String CATEGORY = "category";
  /** {@code run_breakdown.scope} of per-difficulty rows. */
  public static final String DIFFICULTY = "difficulty";

  /**
   * One row of {@code run_breakdown}: the metrics of one category or difficulty in one run (fractions in 0..1,
   * NaN when NULL).
   *
   * @param runId run id
   * @param scope {@link #CATEGORY} or {@link #DIFFICULTY}
   * @param key the category or difficulty name
   * @param n questions in this group
   * @param exStrict execution accuracy (strict)
   * @param exLenient execution accuracy (lenient)
   * @param testSuite test-suite accuracy
   */
  public record BreakdownRow(String runId, String scope, String key, int n, double exStrict, double exLenient,
      double testSuite) {}

  /**
   * Appends one run, its breakdowns and its per-question results in one transaction.
   *
   * @param run the run row
   * @param byCategory metrics per category
   * @param byDifficulty metrics per difficulty
   * @param results per-question results
   * @throws IllegalStateException naming the file if it is locked by another writer or cannot be written
   */
  public void append(RunRow run, Map<String, Metrics> byCategory, Map<String, Metrics> byDifficulty,
      List<QuestionResult> results) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot create " + file.getParent() + ": " + e.getMessage(), e);
    }
    try (Connection c = open(false)) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
          Metrics m = run.metrics();
          ps.setString(1, run.runId());
          ps.setTimestamp(2, ts(run.startedAt()));
          ps.setTimestamp(3, ts(run.finishedAt()));
          ps.setString(4, run.modelSpec());
          ps.setString(5, run.modelId());
          ps.setString(6, run.bankSha256());
          ps.setInt(7, m.n());
          ps.setDouble(8, m.exStrict());
          ps.setDouble(9, m.exLenient());
          ps.setDouble(10, m.testSuite());
          ps.setDouble(11, m.exactSet());
          ps.setDouble(12, m.validSql());
          ps.setString(13, run.runDir());
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_breakdown VALUES (?,?,?,?,?,?,?)")) {
          addBreakdown(ps, run.runId(), CATEGORY, byCategory);
          addBreakdown(ps, run.runId(), DIFFICULTY, byDifficulty);
          ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?,?)")) {
          for (QuestionResult r : results) {
            ps.setString(1, run.runId());
            ps.setString(2, r.id());
            ps.setString(3, r.category());
            ps.setString(4, r.difficulty());
            ps.setBoolean(5, r.exStrict());
            ps.setBoolean(6, r.exLenient());
            ps.setBoolean(7, r.testSuite());
            ps.setBoolean(8, r.exactSet());
            ps.setString(9, r.errorClass() == null ? null : r.errorClass().id());
            ps.setDouble(10, r.latencyMs());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot append to the eval history " + file + ": " + e.getMessage(), e);
    }
  }

  private static void addBreakdown(PreparedStatement ps, String runId, String scope, Map<String, Metrics> m)
      throws SQLException {
    for (Map.Entry<String, Metrics> e : m.entrySet()) {
      ps.setString(1, runId);
      ps.setString(2, scope);
      ps.setString(3, e.getKey());
      ps.setInt(4, e.getValue().n());
      ps.setDouble(5, e.getValue().exStrict());
      ps.setDouble(6, e.getValue().exLenient());
      ps.setDouble(7, e.getValue().testSuite());
      ps.addBatch();
    }
  }

  /**
   * A baseline run read back: its id, strict EX and per-question strict verdicts.
   *
   * @param runId run id
   * @param exStrict strict EX
   * @param byId strict verdict per question id
   */
  public record StoredRun(String runId, double exStrict, Map<String, Boolean> byId) {}

  /**
   * Resolves {@code --baseline}: {@code last} = the latest run (by start time) on the same bank, otherwise
   * an exact run id.
   *
   * @param which {@code last} or a run id
   * @param bankSha256 the current bank's hash (for {@code last})
   * @return the run, or empty if the history has none
   * @throws IllegalStateException naming the file if it cannot be read
   */
  public Optional<StoredRun> find(String which, String bankSha256) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (Connection c = open(true)) {
      String runId;
      double ex;
      String q = "last".equals(which)
          ? "SELECT run_id, ex_strict FROM runs WHERE bank_sha256 = ? ORDER BY started_at DESC, run_id DESC LIMIT 1"
          : "SELECT run_id, ex_strict FROM runs WHERE run_id = ?";
      try (PreparedStatement ps = c.prepareStatement(q)) {
        ps.setString(1, "last".equals(which) ? bankSha256 : which);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          runId = rs.getString(1);
          ex = rs.getDouble(2);
        }
      }
      Map<String, Boolean> byId = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, ex_strict FROM results WHERE run_id = ?")) {
        ps.setString(1, runId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byId.put(rs.getString(1), rs.getBoolean(2));
          }
        }
      }
      return Optional.of(new StoredRun(runId, ex, byId));
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the eval history " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks that the history file exists.
   *
   * @throws IllegalArgumentException if it does not, naming it and the command that makes it
   */
  public void requireFile() {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No evaluation history at " + file
          + ": run 'quarry eval' first (each run appends to this DuckDB file)");
    }
  }

  /**
   * Reads every run and its breakdown rows, read-only (TIMESTAMP columns as UTC).
   *
   * @return the history, runs oldest first (by {@code started_at}, then {@code run_id})
   * @throws IllegalArgumentException if the file does not exist, naming it and the command that makes it
   * @throws IllegalStateException if it cannot be read as a history database (wrong tables, corrupt file)
   */
  public EvalHistory read() {
    requireFile();
    try (Connection c = open(true); Statement st = c.createStatement()) {
      List<RunRow> runs = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(
          "SELECT run_id, started_at, finished_at, model_spec, model_id, bank_sha256, n, ex_strict, ex_lenient,"
              + " test_suite, exact_set, valid_sql, run_dir FROM runs ORDER BY started_at, run_id")) {
        while (rs.next()) {
          runs.add(new RunRow(rs.getString(1), instant(rs, 2), instant(rs, 3), rs.getString(4), rs.getString(5),
              rs.getString(6), new Metrics(rs.getInt(7), dbl(rs, 8), dbl(rs, 9), dbl(rs, 10), dbl(rs, 11),
              dbl(rs, 12)), rs.getString(13)));
        }
      }
      Map<String, List<BreakdownRow>> breakdowns = new LinkedHashMap<>();
      try (ResultSet rs = st.executeQuery(
          "SELECT run_id, scope, key, n, ex_strict, ex_lenient, test_suite FROM run_breakdown"
              + " ORDER BY run_id, scope, key")) {
        while (rs.next()) {
          BreakdownRow b = new BreakdownRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
              dbl(rs, 5), dbl(rs, 6), dbl(rs, 7));
          breakdowns.computeIfAbsent(b.runId(), k -> new ArrayList<>()).add(b);
        }
      }
      return new EvalHistory(runs, breakdowns);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read evaluation history " + file + ": " + e.getMessage(), e);
    }
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    Object o = rs.getObject(col);
    if (o == null) {
      return null;
    }
    if (o instanceof Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
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

  /** Opens the file (creating the tables when writable), with extension loading off. */
  private Connection open(boolean readOnly) throws SQLException {
    Properties p = new Properties();
    if (readOnly) {
      p.setProperty("duckdb.read_only", "true");
    }
    Connection c = LocalDuckDb.connect("jdbc:duckdb:" + file.toAbsolutePath(), p);
    try (Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions=false");
      st.execute("SET autoload_known_extensions=false");
      if (!readOnly) {
        for (String ddl : DDL) {
          st.execute(ddl);
        }
      }
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.valueOf(i.atOffset(ZoneOffset.UTC).toLocalDateTime());
  }
}
