package dev.quarry.core.beam;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/**
 * Tells when the JVM heap is exhausted: the old generation still nearly full right after garbage
 * collection on several consecutive checks. An in-memory runner (Beam's Direct runner) that runs out of
 * heap can log an {@code OutOfMemoryError} in a worker thread and then stop making progress without ending
 * the job; a waiting caller uses this to fail with a clear message instead of waiting forever.
 *
 * <p>Usage after collection comes from {@link MemoryPoolMXBean#getCollectionUsage()} of the heap pools that
 * report one and have a maximum (with G1: "G1 Old Gen"), as documented in {@code java.lang.management}.
 */
public final class HeapWatch {

  /** Share of the maximum still in use after collection that counts as a strike. */
  public static final double LIMIT = 0.95;

  /** Consecutive strikes after which the heap counts as exhausted. */
  public static final int STRIKES = 3;

  private int strikes;
  private long lastUsed;
  private long lastMax;

  /**
   * Records one observation: {@code usedAfterGc} of {@code max} bytes in the old generation after the
   * latest collection.
   *
   * @return true once {@link #STRIKES} consecutive observations were at or above {@link #LIMIT} of the maximum
   */
  public boolean observe(long usedAfterGc, long max) {
    lastUsed = usedAfterGc;
    lastMax = max;
    strikes = (max > 0 && usedAfterGc >= LIMIT * max) ? strikes + 1 : 0;
    return strikes >= STRIKES;
  }

  /** Observes this JVM's old generation now; see {@link #observe(long, long)}. */
  public boolean exhausted() {
    long used = 0;
    long max = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() != MemoryType.HEAP || !pool.isCollectionUsageThresholdSupported()) {
        continue;
      }
      MemoryUsage after = pool.getCollectionUsage();
      long poolMax = pool.getUsage().getMax();
      if (after == null || poolMax <= 0 || !pool.getName().matches("(?i).*(old|tenured).*")) {
        continue;
      }
      used += after.getUsed();
      max += poolMax;
    }
    return observe(used, max);
  }

  /** The latest observation, e.g. {@code "3,990 MB of 4,096 MB"}. */
  public String describe() {
    return String.format(Locale.ROOT, "%,d MB of %,d MB", lastUsed >> 20, lastMax >> 20);
  }
}
