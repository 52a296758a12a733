package dev.quarry.core.sql;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SqlSandbox} runs queries.
 *
 * @param timeout per-query wall-clock limit (validation excluded); the query is cancelled from a timer
 *     thread, so the granularity is milliseconds, not JDBC's whole seconds
 * @param maxRows most result rows kept; a query returning more gets {@link QueryOutcome.Status#TOO_MANY_ROWS}
 * @param threads DuckDB worker threads per sandbox (parallelism normally comes from pipeline workers)
 * @param memoryLimit DuckDB {@code memory_limit}, e.g. {@code "1GB"}
 * @param workDir directory for the sandbox's files (read-only database copy, spill files, extension
 *     directory); null means a fresh temporary directory, deleted on close
 * @param readOnlyDatabase true: the seed data is written once into a DuckDB file that is then opened
 *     read-only, so even SQL that slipped past both gates cannot change data; false: an in-memory
 *     database (faster to open, relies on the gates and the configuration lock)
 * @param isolation where {@link SqlExecutors#open} runs the sandbox: in a supervised worker process (time and
 *     memory limits that hold for any statement) or in this JVM; {@link SqlSandbox#open} always runs in-process
 */
public record SandboxSettings(
    Duration timeout, int maxRows, int threads, String memoryLimit, Path workDir, boolean readOnlyDatabase,
    Isolation isolation)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks the values. */
  public SandboxSettings {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (maxRows < 1 || threads < 1) {
      throw new IllegalArgumentException("maxRows and threads must be at least 1");
    }
    if (memoryLimit == null || !memoryLimit.matches("[0-9]+(\\.[0-9]+)?\\s*[KMGT]?i?B")) {
      throw new IllegalArgumentException("memoryLimit must look like 512MB or 2GB: " + memoryLimit);
    }
    Objects.requireNonNull(isolation, "isolation");
  }

  /** Where untrusted SQL runs. */
  public enum Isolation {
    /**
     * In a long-lived child JVM supervised by {@link SupervisedSqlExecutor}: killed and restarted when a
     * statement overruns its wall-clock limit or the process its memory cap.
     */
    PROCESS,
    /** In this JVM ({@link SqlSandbox}): cancellation at the timeout, DuckDB's memory_limit; no hard limits. */
    IN_PROCESS
  }

  /** Default per-query timeout in milliseconds ({@code quarry eval --query-timeout-ms}). */
  public static final long DEFAULT_TIMEOUT_MS = 5_000;
  /** Default row cap ({@code quarry eval --max-rows}). */
  public static final int DEFAULT_MAX_ROWS = 10_000;

  /**
   * 5 s timeout, 10,000 rows, 1 thread, 1 GB, temporary work directory, read-only database, worker process
   * isolation.
   */
  public static SandboxSettings defaults() {
    return new SandboxSettings(Duration.ofMillis(DEFAULT_TIMEOUT_MS), DEFAULT_MAX_ROWS, 1, "1GB", null, true,
        Isolation.PROCESS);
  }

  /** A copy with another timeout. */
  public SandboxSettings withTimeout(Duration t) {
    return new SandboxSettings(t, maxRows, threads, memoryLimit, workDir, readOnlyDatabase, isolation);
  }

  /** A copy with another row cap. */
  public SandboxSettings withMaxRows(int n) {
    return new SandboxSettings(timeout, n, threads, memoryLimit, workDir, readOnlyDatabase, isolation);
  }

  /** A copy with another DuckDB thread count. */
  public SandboxSettings withThreads(int n) {
    return new SandboxSettings(timeout, maxRows, n, memoryLimit, workDir, readOnlyDatabase, isolation);
  }

  /** A copy with another memory limit. */
  public SandboxSettings withMemoryLimit(String limit) {
    return new SandboxSettings(timeout, maxRows, threads, limit, workDir, readOnlyDatabase, isolation);
  }

  /** A copy with another work directory. */
  public SandboxSettings withWorkDir(Path dir) {
    return new SandboxSettings(timeout, maxRows, threads, memoryLimit, dir, readOnlyDatabase, isolation);
  }

  /** A copy with another isolation. */
  public SandboxSettings withIsolation(Isolation i) {
    return new SandboxSettings(timeout, maxRows, threads, memoryLimit, workDir, readOnlyDatabase, i);
  }

  /**
   * DuckDB's {@link #memoryLimit()} in bytes (KB/MB/GB/TB as powers of 1000, KiB/MiB/GiB/TiB as powers of 1024,
   * the way DuckDB reads them).
   */
  public long memoryLimitBytes() {
    String m = memoryLimit.replaceAll("\\s", "");
    int unit = m.length() - 1;
    while (unit > 0 && !Character.isDigit(m.charAt(unit - 1)) && m.charAt(unit - 1) != '.') {
      unit--;
    }
    double value = Double.parseDouble(m.substring(0, unit));
    String u = m.substring(unit).toUpperCase(java.util.Locale.ROOT);
    boolean binary = u.contains("I");
    int power = switch (u.charAt(0)) {
      case 'K' -> 1;
      case 'M' -> 2;
      case 'G' -> 3;
      case 'T' -> 4;
      default -> 0;
    };
    return (long) (value * Math.pow(binary ? 1024 : 1000, power));
  }

  /** A copy with the read-only database switched on or off. */
  public SandboxSettings withReadOnlyDatabase(boolean on) {
    return new SandboxSettings(timeout, maxRows, threads, memoryLimit, workDir, on, isolation);
  }
}
