package dev.quarry.eval.run;

import java.util.Arrays;
import java.util.List;

/**
 * Latency percentiles by the nearest-rank method (the smallest value with at least p% of values at or
 * below it; NIST/Hyndman-Fan definition 1).
 *
 * @param p50 median, ms
 * @param p95 95th percentile, ms
 * @param max maximum, ms
 */
public record Percentiles(double p50, double p95, double max) {

  /** Percentiles of {@code values} (all 0 when empty). */
  public static Percentiles of(List<Double> values) {
    if (values.isEmpty()) {
      return new Percentiles(0, 0, 0);
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return new Percentiles(rank(v, 50), rank(v, 95), v[v.length - 1]);
  }

  /** Nearest-rank percentile of sorted {@code v}. */
  static double rank(double[] v, double p) {
    int k = (int) Math.ceil(p / 100.0 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, k - 1))];
  }
}
