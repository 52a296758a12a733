package dev.quarry.core.sql;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.duckdb.LocalDuckDb;
import dev.quarry.core.text.SafeText;
import dev.quarry.core.workspace.ScratchDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs untrusted SQL over a domain's seed data on a locked-down DuckDB.
 *
 * <p>Each query passes three guards: {@link SqlValidator} (JSqlParser, domain tables and columns);
 * DuckDB's own parser as a second gate ({@code SELECT json_serialize_sql(?)} refuses anything but a
 * single SELECT, and catches what JSqlParser misreads, e.g. {@code SELECT 7 // 2; DROP TABLE t}, one SELECT to
 * JSqlParser, which takes {@code //} for a comment, but two statements to DuckDB, which takes it for integer
 * division); and a database that cannot be changed: the seed
 * tables are loaded once, external access is switched off ({@code enable_external_access=false}: no
 * file reads or writes, ATTACH, COPY, INSTALL, LOAD) and the configuration locked
 * ({@code lock_configuration=true}); with {@link SandboxSettings#readOnlyDatabase()} the tables also
 * live in a database file opened read-only, so INSERT/UPDATE/DROP fail even if both gates were fooled.
 * Extension auto-install/auto-load is off so nothing reaches the network. Each query runs with a
 * wall-clock timeout (cancelled from a timer thread) and a row cap.
 *
 * <p>Seed layout: {@code <seedDir>/<table>/*.parquet} for every table of the domain.
 *
 * <p>Threading: one DuckDB connection per sandbox; a sandbox must be used by one thread at a time
 * ({@link #execute} is synchronized so misuse serializes rather than fails). Open one sandbox per
 * worker thread (e.g. in a DoFn's {@code @Setup}) and close it in {@code @Teardown}.
 */
public final class SqlSandbox implements SqlExecutor {

  /**
   * Longest cell text kept whole, in characters; a longer value (a huge string or list) is kept as its first
   * {@value #CELL_KEEP_CHARS} characters plus a marker with its length and SHA-256 (see
   * {@link SafeText#bounded}), so results stay comparable but bounded.
   */
  public static final int MAX_CELL_CHARS = 4_096;

  /** Characters kept before the truncation marker of a long cell. */
  public static final int CELL_KEEP_CHARS = 1_000;

  /**
   * Most characters of cell text (after {@link #MAX_CELL_CHARS} bounding) one result may hold; a larger
   * result is an {@link ErrorClass#RESULT_TOO_LARGE} error.
   */
  public static final long MAX_RESULT_CHARS = 8_000_000L;

  /**
   * Name prefix of the scratch folders made in {@code java.io.tmpdir} when no work directory is given; a
   * folder whose owner process is gone is removed when the next sandbox opens (see {@link ScratchDirs}).
   */
  public static final String SCRATCH_PREFIX = "quarry-sandbox";

  /** Name prefix of a sandbox's own database file in a given work directory (stale ones removed likewise). */
  static final String DATABASE_PREFIX = "seed";


  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "quarry-sql-timeout");
    t.setDaemon(true);
    return t;
  });

  private final Domain domain;
  private final SandboxSettings settings;
  private final SqlValidator validator;
  private final Path workDir;
  private final boolean ownsWorkDir;
  private final Path databaseFile;
  private final Connection connection;
  private PreparedStatement gate;

  private SqlSandbox(Domain domain, SandboxSettings settings, Path workDir, boolean ownsWorkDir, Path databaseFile,
      Connection connection) {
    this.domain = domain;
    this.settings = settings;
    this.validator = new SqlValidator(domain);
    this.workDir = workDir;
    this.ownsWorkDir = ownsWorkDir;
    this.databaseFile = databaseFile;
    this.connection = connection;
  }

  /**
   * Opens a sandbox: loads every domain table from {@code seedDir}, then locks the database.
   *
   * @param domain the domain whose tables are loaded and whose schema the validator enforces
   * @param seedDir directory holding {@code <table>/*.parquet} for every domain table
   * @param settings timeout, row cap, threads, memory, work directory, read-only mode
   * @return an open sandbox; close it when done
   * @throws IllegalArgumentException if a table directory is missing or lacks a domain column
   * @throws IllegalStateException if DuckDB cannot be opened or configured
   */
  public static SqlSandbox open(Domain domain, Path seedDir, SandboxSettings settings) {
    requireSeedTables(domain, seedDir);
    Path work = settings.workDir();
    boolean owns = work == null;
    Connection conn = null;
    Path file = null;
    try {
      if (owns) {
        work = ScratchDirs.create(Path.of(System.getProperty("java.io.tmpdir")), SCRATCH_PREFIX);
      } else {
        Files.createDirectories(work);
        ScratchDirs.removeStale(work, DATABASE_PREFIX);
      }
      Files.createDirectories(work.resolve("extensions"));
      Files.createDirectories(work.resolve("spill"));
      if (settings.readOnlyDatabase()) {
        file = work.resolve(ScratchDirs.name(DATABASE_PREFIX, ".duckdb"));
        writeDatabase(domain, seedDir, file, settings, work);
        conn = openReadOnly(file, settings, work);
      } else {
        Properties p = new Properties();
        p.setProperty("jdbc_stream_results", "true");
        conn = LocalDuckDb.connect("jdbc:duckdb:", p);
        configure(conn, settings, work);
        loadTables(conn, domain, seedDir);
      }
      lock(conn);
      return new SqlSandbox(domain, settings, work, owns, file, conn);
    } catch (SQLException e) {
      closeQuietly(conn);
      if (owns && work != null) {
        ScratchDirs.deleteRecursively(work);
      }
      throw new IllegalStateException("Cannot open the SQL sandbox on " + seedDir + ": " + e.getMessage(), e);
    } catch (IOException e) {
      closeQuietly(conn);
      throw new UncheckedIOException("Cannot create the sandbox work directory", e);
    } catch (RuntimeException e) {
      closeQuietly(conn);
      if (owns && work != null) {
        ScratchDirs.deleteRecursively(work);
      }
      throw e;
    }
  }

  /**
   * Writes the seed tables into a DuckDB database file that {@link #openDatabaseFile} can open read-only, as
   * many times as needed (a supervised worker that is restarted opens the same file again instead of loading
   * the Parquet files each time). The file is written under a temporary name and moved into place when
   * complete.
   *
   * @param domain the domain whose tables are loaded
   * @param seedDir directory holding {@code <table>/*.parquet} for every domain table
   * @param file the database file to write (must not exist)
   * @param settings memory limit and threads used while loading; its work directory holds spill files
   * @throws IllegalArgumentException if a table directory is missing or lacks a domain column
   * @throws IllegalStateException if DuckDB fails
   */
  public static void prepareDatabaseFile(Domain domain, Path seedDir, Path file, SandboxSettings settings) {
    requireSeedTables(domain, seedDir);
    Path work = settings.workDir() != null ? settings.workDir() : file.toAbsolutePath().getParent();
    Path tmp = file.resolveSibling(file.getFileName() + ".partial");
    try {
      Files.createDirectories(work.resolve("extensions"));
      Files.createDirectories(work.resolve("spill"));
      Files.deleteIfExists(tmp);
      writeDatabase(domain, seedDir, tmp, settings, work);
      Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".wal"));
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot load the seed data " + seedDir + " into " + file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the database file " + file, e);
    } finally {
      ScratchDirs.deleteRecursively(tmp);
    }
  }

  /**
   * Opens a sandbox on a database file written by {@link #prepareDatabaseFile}: read-only, external access
   * off, configuration locked. Closing it leaves the file in place (its writer owns it).
   *
   * @param domain the domain the file was written for
   * @param file the database file
   * @param settings timeout, row cap, threads, memory; {@link SandboxSettings#workDir()} (required) holds the
   *     extension and spill folders
   * @return an open sandbox
   * @throws IllegalArgumentException if the work directory is not set
   * @throws IllegalStateException if DuckDB cannot open the file
   */
  public static SqlSandbox openDatabaseFile(Domain domain, Path file, SandboxSettings settings) {
    Path work = settings.workDir();
    if (work == null) {
      throw new IllegalArgumentException("openDatabaseFile needs a work directory in the sandbox settings");
    }
    Connection conn = null;
    try {
      Files.createDirectories(work.resolve("extensions"));
      Files.createDirectories(work.resolve("spill"));
      conn = openReadOnly(file, settings, work);
      lock(conn);
      return new SqlSandbox(domain, settings, work, false, null, conn);
    } catch (SQLException e) {
      closeQuietly(conn);
      throw new IllegalStateException("Cannot open the SQL sandbox on " + file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the sandbox work directory " + work, e);
    }
  }

  private static void writeDatabase(Domain domain, Path seedDir, Path file, SandboxSettings settings, Path work)
      throws SQLException {
    try (Connection loader = LocalDuckDb.connect("jdbc:duckdb:" + file.toAbsolutePath(), new Properties())) {
      configure(loader, settings, work);
      loadTables(loader, domain, seedDir);
    }
  }

  private static Connection openReadOnly(Path file, SandboxSettings settings, Path work) throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    p.setProperty("jdbc_stream_results", "true");
    Connection conn = LocalDuckDb.connect("jdbc:duckdb:" + file.toAbsolutePath(), p);
    try {
      configure(conn, settings, work);
    } catch (SQLException e) {
      closeQuietly(conn);
      throw e;
    }
    return conn;
  }

  /**
   * Checks that {@code seedDir} has a folder for every table of the domain.
   *
   * @throws IllegalArgumentException naming the first missing table and the folder
   */
  static void requireSeedTables(Domain domain, Path seedDir) {
    for (Domain.Table t : domain.tables()) {
      if (!Files.isDirectory(seedDir.resolve(t.name()))) {
        throw new IllegalArgumentException("Seed data has no directory for table '" + t.name() + "' in " + seedDir);
      }
    }
  }

  private static void configure(Connection c, SandboxSettings s, Path work) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions=false");
      st.execute("SET autoload_known_extensions=false");
      st.execute("SET extension_directory=" + quote(work.resolve("extensions").toAbsolutePath().toString()));
      st.execute("SET temp_directory=" + quote(work.resolve("spill").toAbsolutePath().toString()));
      st.execute("SET threads=" + s.threads());
      st.execute("SET memory_limit=" + quote(s.memoryLimit()));
    }
  }

  private static void loadTables(Connection c, Domain domain, Path seedDir) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (Domain.Table t : domain.tables()) {
        String glob = seedDir.resolve(t.name()).toAbsolutePath() + "/*.parquet";
        st.execute("CREATE TABLE " + SqlIdentifiers.quoteIdent(t.name()) + " AS SELECT * FROM read_parquet("
            + quote(glob) + ")");
        List<String> have = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("DESCRIBE " + SqlIdentifiers.quoteIdent(t.name()))) {
          while (rs.next()) {
            have.add(rs.getString(1).toLowerCase(Locale.ROOT));
          }
        }
        for (String col : t.columnNames()) {
          if (!have.contains(col.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                "Seed table '" + t.name() + "' lacks column '" + col + "'; it has " + have);
          }
        }
      }
    }
  }

  private static void lock(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SET enable_external_access=false");
      st.execute("SET lock_configuration=true");
    }
  }

  /** The validator this sandbox applies first. */
  public SqlValidator validator() {
    return validator;
  }

  /** The settings this sandbox was opened with. */
  public SandboxSettings settings() {
    return settings;
  }

  /**
   * Validates, gates and runs one untrusted SQL text. Never throws for bad SQL: every failure is an
   * outcome.
   *
   * @param sql untrusted SQL
   * @return the outcome: OK with rows and fingerprint, REJECTED with the reason, ERROR with the DuckDB
   *     message and its {@link ErrorClass}, TIMEOUT, or TOO_MANY_ROWS
   * @throws IllegalStateException if the sandbox was closed
   */
  @Override
  public synchronized QueryOutcome execute(String sql) {
    long t0 = System.nanoTime();
    ensureOpen();
    Verdict v;
    try {
      v = validator.validate(sql);
    } catch (StackOverflowError e) {
      v = Verdict.reject(RejectReason.TOO_COMPLEX, "SQL is too deeply nested to check (stack exhausted)");
    }
    Verdict g = v.ok() ? duckDbGate(sql) : v;
    if (!g.ok()) {
      return QueryOutcome.rejected(g, micros(t0));
    }
    return run(sql, v.ordered(), t0);
  }

  /**
   * DuckDB's parser as second gate: {@code json_serialize_sql} only serializes a single SELECT.
   *
   * @return an accepting verdict (its ordered flag is meaningless here), or a
   *     {@link RejectReason#DUCKDB_GATE} refusal
   */
  Verdict duckDbGate(String sql) {
    try {
      if (gate == null) {
        // The JSON is inspected inside DuckDB so only three scalars cross JNI (the serialized tree of a
        // large query is kilobytes).
        gate = connection.prepareStatement(
            "SELECT coalesce(j->>'error', 'false') = 'true', j->>'error_type', j->>'error_message',"
                + " coalesce(json_array_length(j->'statements'), 0)"
                + " FROM (SELECT json_serialize_sql(?::VARCHAR)::JSON AS j)");
      }
      gate.setString(1, sql);
      boolean error;
      String type;
      String message;
      long n;
      try (ResultSet rs = gate.executeQuery()) {
        rs.next();
        error = rs.getBoolean(1);
        type = rs.getString(2);
        message = rs.getString(3);
        n = rs.getLong(4);
      }
      if (error) {
        return Verdict.reject(RejectReason.DUCKDB_GATE,
            "DuckDB refused: " + (type == null ? "" : type) + " " + (message == null ? "" : message));
      }
      if (n != 1) {
        return Verdict.reject(RejectReason.DUCKDB_GATE, "DuckDB sees " + n + " statements");
      }
      return Verdict.accept(true);
    } catch (SQLException e) {
      closeQuietly(gate);
      gate = null;
      return Verdict.reject(RejectReason.DUCKDB_GATE, "DuckDB gate failed: " + SqlParsing.firstLine(e.getMessage()));
    }
  }


  private QueryOutcome run(String sql, boolean ordered, long t0) {
    Statement st = null;
    Canceller canceller = null;
    try {
      st = connection.createStatement();
      canceller = new Canceller(st);
      canceller.arm(settings.timeout().toMillis());
      try (ResultSet rs = st.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>(n);
        List<String> types = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          names.add(md.getColumnLabel(i));
          types.add(md.getColumnTypeName(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        int cap = settings.maxRows();
        long chars = 0;
        while (rs.next()) {
          if (rows.size() == cap) {
            canceller.disarm();
            return new QueryOutcome(QueryOutcome.Status.TOO_MANY_ROWS, null, null,
                "More than " + cap + " rows", names, types, List.of(), cap + 1, ordered, null, micros(t0));
          }
          List<Object> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            Object value = JdbcValues.plain(rs.getObject(i));
            if (value instanceof String text) {
              value = SafeText.bounded(text, MAX_CELL_CHARS, CELL_KEEP_CHARS);
              chars += ((String) value).length();
            } else {
              chars += 8;
            }
            row.add(value);
          }
          if (chars > MAX_RESULT_CHARS) {
            canceller.disarm();
            return QueryOutcome.failed(QueryOutcome.Status.ERROR, ErrorClass.RESULT_TOO_LARGE,
                "Result larger than " + MAX_RESULT_CHARS + " characters after " + rows.size() + " rows", ordered,
                micros(t0));
          }
          rows.add(row);
        }
        if (!canceller.disarm()) {
          return timeout(ordered, t0);
        }
        return new QueryOutcome(QueryOutcome.Status.OK, null, null, "", List.copyOf(names), List.copyOf(types),
            rows, rows.size(), ordered, ResultFingerprint.of(n, rows, ordered), micros(t0));
      }
    } catch (SQLException | RuntimeException e) {
      boolean fired = canceller != null && !canceller.disarm();
      if (fired) {
        return timeout(ordered, t0);
      }
      String raw = e.getMessage();
      if (raw != null && raw.contains(LOST_STREAM_ERROR)) {
        closeQuietly(st);
        st = null;
        raw = streamedError(sql, t0);
      }
      String msg = SafeText.bounded(SqlParsing.firstLine(raw), MAX_CELL_CHARS, CELL_KEEP_CHARS);
      return QueryOutcome.failed(QueryOutcome.Status.ERROR, ErrorClass.classify(msg), msg, ordered, micros(t0));
    } finally {
      if (canceller != null) {
        canceller.disarm();
      }
      closeQuietly(st);
    }
  }

  /**
   * What DuckDB's JDBC driver (2.0.0.1) reports instead of the real error when a statement fails while its result
   * streams (after the first chunk): the driver loses DuckDB's message.
   */
  static final String LOST_STREAM_ERROR = "Invalid result set";

  /**
   * Recovers DuckDB's message for a statement that failed while its result streamed: runs it once more as
   * {@code EXPLAIN ANALYZE}, which executes it to the end before returning anything, so the error is raised
   * while executing and keeps its text. Bounded by what is left of the timeout. Only called for SQL that passed
   * both gates.
   *
   * @return DuckDB's message, or a plain description when it cannot be recovered
   */
  private String streamedError(String sql, long t0) {
    String lost = "DuckDB failed while the result streamed (the driver reported only '" + LOST_STREAM_ERROR + "')";
    long left = settings.timeout().toMillis() - (System.nanoTime() - t0) / 1_000_000;
    if (left <= 0) {
      return lost;
    }
    Statement again = null;
    Canceller c = null;
    try {
      again = connection.createStatement();
      c = new Canceller(again);
      c.arm(left);
      try (ResultSet rs = again.executeQuery("EXPLAIN ANALYZE " + sql)) {
        while (rs.next()) {
          // the plan is not needed
        }
      }
      return lost + " and did not fail when run again";
    } catch (SQLException | RuntimeException e) {
      boolean fired = c != null && !c.disarm();
      return fired || e.getMessage() == null || e.getMessage().contains(LOST_STREAM_ERROR) ? lost : e.getMessage();
    } finally {
      if (c != null) {
        c.disarm();
      }
      closeQuietly(again);
    }
  }

  private QueryOutcome timeout(boolean ordered, long t0) {
    return QueryOutcome.failed(QueryOutcome.Status.TIMEOUT, ErrorClass.INTERRUPTED,
        "Cancelled after " + settings.timeout().toMillis() + " ms", ordered, micros(t0));
  }

  /**
   * Row counts of the domain tables, read directly (not through {@link #execute}); for checks and reports.
   *
   * @return table name → row count, in domain order
   */
  @Override
  public synchronized Map<String, Long> tableRowCounts() {
    ensureOpen();
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Statement st = connection.createStatement()) {
      for (String t : domain.tableNames()) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + SqlIdentifiers.quoteIdent(t))) {
          rs.next();
          counts.put(t, rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count rows: " + e.getMessage(), e);
    }
    return counts;
  }

  /** Runs {@code sql} on the raw connection with no guard at all; package-private for tests and benchmarks. */
  synchronized int executeUnguardedForTest(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      if (st.execute(sql)) {
        int n = 0;
        try (ResultSet rs = st.getResultSet()) {
          while (rs.next()) {
            n++;
          }
        }
        return n;
      }
      return st.getUpdateCount();
    }
  }

  /**
   * Closes the connection and deletes the work directory if the sandbox created it (otherwise only its
   * database file). Idempotent.
   */
  @Override
  public synchronized void close() {
    closeQuietly(gate);
    gate = null;
    try {
      if (!connection.isClosed()) {
        connection.close();
      }
    } catch (SQLException e) {
      // closing anyway
    }
    if (ownsWorkDir) {
      ScratchDirs.deleteRecursively(workDir);
    } else if (databaseFile != null) {
      ScratchDirs.deleteRecursively(databaseFile);
      ScratchDirs.deleteRecursively(databaseFile.resolveSibling(databaseFile.getFileName() + ".wal"));
    }
  }

  private void ensureOpen() {
    try {
      if (connection.isClosed()) {
        throw new IllegalStateException("SqlSandbox is closed");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SqlSandbox connection is unusable", e);
    }
  }

  /** Arms a timer that cancels a statement; disarming tells whether it fired. Never fires after disarm. */
  private static final class Canceller {
    private final Statement statement;
    private ScheduledFuture<?> future;
    private boolean done;
    private boolean fired;

    Canceller(Statement statement) {
      this.statement = statement;
    }

    void arm(long millis) {
      future = TIMER.schedule(this::fire, millis, TimeUnit.MILLISECONDS);
    }

    private synchronized void fire() {
      if (done) {
        return;
      }
      fired = true;
      try {
        statement.cancel();
      } catch (SQLException | RuntimeException e) {
        // the statement finished or failed meanwhile
      }
    }

    /** Stops the timer; returns true if it had not fired. */
    synchronized boolean disarm() {
      done = true;
      if (future != null) {
        future.cancel(false);
      }
      return !fired;
    }
  }

  private static long micros(long t0) {
    return (System.nanoTime() - t0) / 1_000;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        // nothing more to do
      }
    }
  }
}
