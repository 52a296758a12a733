package dev.quarry.core.compare;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Normalizes result values by type before comparison and compares them.
 *
 * <p>Rules: every number (integer, decimal, floating) becomes a {@code double} rounded half-up to
 * {@code decimals} places (the bank's precision); two numbers are equal when {@code |a-b| <= relTol *
 * max(|a|,|b|)} (or both are exactly 0); booleans become 1.0/0.0 so {@code true} equals {@code 1} (a
 * {@code CASE WHEN … THEN 1 ELSE 0} column matches a boolean one); dates and timestamps at midnight become
 * ISO dates {@code yyyy-MM-dd}, other timestamps ISO date-times; NULL equals NULL (SQL's three-valued
 * logic does not apply to results, as in Spider's and defog's evaluators); strings compare exactly.
 */
public final class ValueNormalizer {

  /** Default decimal places numbers are rounded to (the bank precision {@code quarry eval} uses). */
  public static final int DEFAULT_DECIMALS = 6;
  /** Default relative tolerance for numbers. */
  public static final double DEFAULT_REL_TOL = 1e-6;

  private static final Pattern MIDNIGHT = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T]00:00(:00(\\.0+)?)?");

  private final int decimals;
  private final double relTol;

  /**
   * @param decimals decimal places numbers are rounded to (0..15)
   * @param relTol relative tolerance for numbers (e.g. 1e-6)
   * @throws IllegalArgumentException for out-of-range settings
   */
  public ValueNormalizer(int decimals, double relTol) {
    if (decimals < 0 || decimals > 15) {
      throw new IllegalArgumentException("decimals must be 0..15, got " + decimals);
    }
    if (!(relTol >= 0)) {
      throw new IllegalArgumentException("relative tolerance must be >= 0, got " + relTol);
    }
    this.decimals = decimals;
    this.relTol = relTol;
  }

  /**
   * Normalizes one value.
   *
   * @param v a result value (Number, Boolean, String, LocalDate, LocalDateTime, other temporal, or null)
   * @return null, a Double, or a String
   */
  public Object normalize(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    if (v instanceof Number n) {
      return round(n);
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof LocalDateTime t) {
      return t.toLocalTime().toSecondOfDay() == 0 && t.getNano() == 0 ? t.toLocalDate().toString() : t.toString();
    }
    if (v instanceof TemporalAccessor || v instanceof java.util.Date) {
      return midnight(v.toString());
    }
    return midnight(v.toString());
  }

  private static String midnight(String s) {
    var m = MIDNIGHT.matcher(s);
    return m.matches() ? m.group(1) : s;
  }

  private Double round(Number n) {
    BigDecimal bd;
    if (n instanceof BigDecimal b) {
      bd = b;
    } else if (n instanceof BigInteger b) {
      bd = new BigDecimal(b);
    } else if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return (double) n.longValue();
    } else {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return d;
      }
      bd = BigDecimal.valueOf(d);
    }
    return bd.setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }

  /**
   * Whether two normalized values are equal under the rules above.
   *
   * @param a normalized value
   * @param b normalized value
   * @return true if equal
   */
  public boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Double x && b instanceof Double y) {
      if (x.equals(y)) {
        return true;
      }
      if (!Double.isFinite(x) || !Double.isFinite(y)) {
        return false; // the tolerance below is infinite when either is: 1/0 would equal any number
      }
      return Math.abs(x - y) <= relTol * Math.max(Math.abs(x), Math.abs(y));
    }
    return a.equals(b);
  }

  /** A total order on normalized values: null &lt; numbers &lt; strings; used to sort before pairwise comparison. */
  public static final Comparator<Object> ORDER = (a, b) -> {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (a == null) {
      return 0;
    }
    if (a instanceof Double x) {
      return Double.compare(x, (Double) b);
    }
    return ((String) a).compareTo((String) b);
  };

  private static int rank(Object o) {
    return o == null ? 0 : o instanceof Double ? 1 : 2;
  }
}
