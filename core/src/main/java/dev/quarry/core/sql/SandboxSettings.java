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
 */
public record SandboxSettings(
    Duration timeout, int maxRows, int threads, String memoryLimit, Path workDir, boolean readOnlyDatabase)
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
  }

  /** Default per-query timeout in milliseconds ({@code quarry eval --query-timeout-ms}). */
  public static final long DEFAULT_TIMEOUT_MS = 5_000;
  /** Default row cap ({@code quarry eval --max-rows}). */
  public static final int DEFAULT_MAX_ROWS = 10_000;

  /** 5 s timeout, 10,000 rows, 1 thread, 1 GB, temporary work directory, read-only database. */
  public static SandboxSettings defaults() {
    return new SandboxSettings(Duration.ofMillis(DEFAULT_TIMEOUT_MS), DEFAULT_MAX_ROWS, 1, "1GB", null, true);
  }

  /** A copy with another timeout. */
  public SandboxSettings withTimeout(Duration t) {
    return new SandboxSettings(t, maxRows, threads, memoryLimit, workDir, readOnlyDatabase);
  }

  /** A copy with another row cap. */
  public SandboxSettings withMaxRows(int n) {
    return new SandboxSettings(timeout, n, threads, memoryLimit, workDir, readOnlyDatabase);
  }

  /** A copy with another DuckDB thread count. */
  public SandboxSettings withThreads(int n) {
    return new SandboxSettings(timeout, maxRows, n, memoryLimit, workDir, readOnlyDatabase);
  }

  /** A copy with another memory limit. */
  public SandboxSettings withMemoryLimit(String limit) {
    return new SandboxSettings(timeout, maxRows, threads, limit, workDir, readOnlyDatabase);
  }

  /** A copy with another work directory. */
  public SandboxSettings withWorkDir(Path dir) {
    return new SandboxSettings(timeout, maxRows, threads, memoryLimit, dir, readOnlyDatabase);
  }

  /** A copy with the read-only database switched on or off. */
  public SandboxSettings withReadOnlyDatabase(boolean on) {
    return new SandboxSettings(timeout, maxRows, threads, memoryLimit, workDir, on);
  }
}
