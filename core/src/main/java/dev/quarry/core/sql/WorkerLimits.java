package dev.quarry.core.sql;

import java.time.Duration;
import java.util.Objects;

/**
 * The hard limits a {@link SupervisedSqlExecutor} enforces on its worker process, on top of the sandbox's own
 * (cancellation at {@link SandboxSettings#timeout()}, DuckDB's {@link SandboxSettings#memoryLimit()}).
 *
 * @param grace how long after the sandbox timeout the parent waits for an answer before it kills the worker:
 *     the hard wall-clock limit of one statement is {@code timeout + grace}
 * @param heapMegabytes the worker JVM's {@code -Xmx}, MiB
 * @param rssCapBytes the worker's resident memory cap (VmRSS of {@code /proc/<pid>/status}), bytes; above it
 *     the worker is killed
 * @param startTimeout how long a worker may take to start and open its database
 * @param pollInterval how often the parent checks the clock and the worker's memory while a statement runs
 */
public record WorkerLimits(Duration grace, int heapMegabytes, long rssCapBytes, Duration startTimeout,
    Duration pollInterval) {

  /** Default grace after the sandbox timeout, ms. */
  public static final long DEFAULT_GRACE_MS = 500;
  /** Default worker heap, MiB (results are bounded to a few tens of MB, see {@link SqlSandbox}). */
  public static final int DEFAULT_HEAP_MB = 256;
  /** Resident memory allowed beyond DuckDB's memory_limit and the heap (JVM, code, DuckDB's own overhead), MiB. */
  public static final int DEFAULT_OVERHEAD_MB = 512;

  /** Checks the values. */
  public WorkerLimits {
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(startTimeout, "startTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (grace.isNegative() || heapMegabytes < 32 || rssCapBytes < (64L << 20) || startTimeout.isNegative()
        || startTimeout.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("worker limits out of range: " + grace + ", " + heapMegabytes + " MiB heap, "
          + rssCapBytes + " bytes RSS, " + startTimeout + ", " + pollInterval);
    }
  }

  /**
   * The defaults for a sandbox: grace {@value #DEFAULT_GRACE_MS} ms, heap {@value #DEFAULT_HEAP_MB} MiB, RSS cap =
   * DuckDB memory_limit + heap + {@value #DEFAULT_OVERHEAD_MB} MiB (1 GB ⇒ about 1.7 GiB), start-up 3 minutes (the
   * first worker loads the seed data on a possibly busy machine), checks every 20 ms.
   *
   * @param s the sandbox settings
   * @return the limits
   */
  public static WorkerLimits forSettings(SandboxSettings s) {
    long cap = s.memoryLimitBytes() + ((long) DEFAULT_HEAP_MB << 20) + ((long) DEFAULT_OVERHEAD_MB << 20);
    return new WorkerLimits(Duration.ofMillis(DEFAULT_GRACE_MS), DEFAULT_HEAP_MB, cap, Duration.ofMinutes(3),
        Duration.ofMillis(20));
  }

  /** A copy with another RSS cap. */
  public WorkerLimits withRssCapBytes(long bytes) {
    return new WorkerLimits(grace, heapMegabytes, bytes, startTimeout, pollInterval);
  }

  /** A copy with another grace. */
  public WorkerLimits withGrace(Duration g) {
    return new WorkerLimits(g, heapMegabytes, rssCapBytes, startTimeout, pollInterval);
  }
}
