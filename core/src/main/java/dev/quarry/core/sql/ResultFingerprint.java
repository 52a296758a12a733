package dev.quarry.core.sql;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A fingerprint of a query result: SHA-256 (lower-case hex) over a canonical text of the rows.
 *
 * <p>Canonical values: NULL ⇒ {@code ∅}; numbers (Long and Double alike) ⇒ {@code n:} + the value
 * rounded to {@value #SIGNIFICANT_DIGITS} significant digits but never below the units digit (so
 * {@code 2}, {@code 2.0} and {@code 1.9999999999} agree, and integers up to 10^15 stay exact), trailing
 * zeros stripped, plain notation; NaN/±Infinity by name; booleans ⇒ {@code b:true}/{@code b:false};
 * dates ⇒ {@code d:} + ISO date; anything else ⇒ {@code s<length>:} + text. Column names are not part
 * of it (so {@code AS n} aliases do not matter), but the column count is. Rows are compared as a
 * multiset (their canonical texts sorted) unless {@code ordered} is true, then their order counts.
 * Caveat: with ORDER BY, rows that tie on the sort key may come in any order.
 */
public final class ResultFingerprint {

  /** Significant digits kept for numbers. */
  public static final int SIGNIFICANT_DIGITS = 6;

  private ResultFingerprint() {}

  /**
   * Fingerprints a result.
   *
   * @param columnCount number of result columns
   * @param rows rows of plain values (see {@link QueryOutcome#rows()})
   * @param ordered true to keep row order, false to treat rows as a multiset
   * @return 64 lower-case hex characters
   */
  public static String of(int columnCount, List<List<Object>> rows, boolean ordered) {
    List<String> lines = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      lines.add(canonicalRow(row));
    }
    if (!ordered) {
      lines.sort(null);
    }
    MessageDigest sha = sha256();
    sha.update(("cols=" + columnCount + (ordered ? ";ordered" : ";bag") + "\n").getBytes(StandardCharsets.UTF_8));
    for (String line : lines) {
      sha.update(line.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The canonical text of one row: canonical values joined by a unit separator. */
  public static String canonicalRow(List<Object> row) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < row.size(); i++) {
      if (i > 0) {
        sb.append('\u001f');
      }
      sb.append(canonical(row.get(i)));
    }
    return sb.toString();
  }

  /** The canonical text of one value (see the class comment). */
  public static String canonical(Object v) {
    if (v == null) {
      return "∅";
    }
    if (v instanceof Boolean b) {
      return "b:" + b;
    }
    if (v instanceof LocalDate d) {
      return "d:" + d;
    }
    if (v instanceof Number n) {
      return "n:" + number(n);
    }
    String s = v.toString();
    return "s" + s.length() + ":" + s;
  }

  private static String number(Number n) {
    BigDecimal bd;
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.toString(d);
      }
      bd = new BigDecimal(d);
    } else if (n instanceof BigDecimal b) {
      bd = b;
    } else {
      bd = new BigDecimal(n.toString());
    }
    if (bd.signum() == 0) {
      return "0";
    }
    int integerDigits = bd.precision() - bd.scale();
    int precision = Math.max(SIGNIFICANT_DIGITS, integerDigits);
    return bd.round(new MathContext(precision, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
