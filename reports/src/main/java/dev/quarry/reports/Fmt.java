package dev.quarry.reports;

import java.util.Locale;

/** Number formatting shared by pages and summaries (locale-independent). */
public final class Fmt {

  private Fmt() {}

  /** A fraction 0..1 as a percentage with one decimal, e.g. {@code 0.8123 → "81.2%"}; NaN → "–". */
  public static String pct(double fraction) {
    return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.1f%%", fraction * 100.0);
  }

  /** Difference of two fractions in percentage points, rounded to one decimal; NaN if either is NaN. */
  public static double points(double after, double before) {
    if (Double.isNaN(after) || Double.isNaN(before)) {
      return Double.NaN;
    }
    return Math.round((after - before) * 1000.0) / 10.0;
  }

  /** Points with sign and unit, e.g. {@code "+1.2 pts"}, {@code "-0.4 pts"}, {@code "±0.0 pts"}; NaN → "". */
  public static String signedPoints(double points) {
    if (Double.isNaN(points)) {
      return "";
    }
    if (points == 0.0) {
      return "±0.0 pts";
    }
    return String.format(Locale.ROOT, "%+.1f pts", points);
  }

  /** Milliseconds with no decimals, e.g. {@code "1234 ms"}; NaN → "–". */
  public static String ms(double ms) {
    return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, "%.0f ms", ms);
  }

  /** A run id made safe as a file name: characters outside {@code [A-Za-z0-9._-]} become {@code _}. */
  public static String fileSafe(String runId) {
    return runId.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
