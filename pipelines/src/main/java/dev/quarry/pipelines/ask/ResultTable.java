package dev.quarry.pipelines.ask;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a query result as a plain-text table for a terminal, in the style of {@code psql}:
 *
 * <pre>
 *  school_name       | chronic_pct
 * -------------------+------------
 *  Kennedy Prep      |       12.5
 *  Washington Middle |    9.80198
 * </pre>
 *
 * <p>Columns whose values are all numbers (nulls aside) are right-aligned, others left-aligned. Cells are
 * shown as: null as {@code NULL}; decimals rounded to {@value #DECIMALS} places, without exponent; line
 * breaks and tabs as {@code \n}, {@code \r}, {@code \t}; other control characters as {@code ?}; text longer
 * than {@value #MAX_WIDTH} characters cut with {@code …}. The table is for reading: CSV and JSON keep the
 * values exactly.
 */
public final class ResultTable {

  /** Decimal places shown for floating-point values. */
  public static final int DECIMALS = 6;

  /** Longest cell shown, in characters. */
  public static final int MAX_WIDTH = 60;

  private ResultTable() {}

  /**
   * Renders {@code rows} under {@code columns}.
   *
   * @param columns column names (at least one)
   * @param rows rows of plain values ({@link Long}, {@link Double}, {@link String}, {@link Boolean},
   *     {@link java.time.LocalDate}, null, anything else by its {@code toString}); each as long as
   *     {@code columns}
   * @return the header line, a rule and one line per row, joined by {@code \n} without a final line break
   * @throws IllegalArgumentException when there is no column or a row has another length
   */
  public static String render(List<String> columns, List<List<Object>> rows) {
    int n = columns.size();
    if (n == 0) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    List<String[]> cells = new ArrayList<>(rows.size());
    int[] width = new int[n];
    boolean[] numeric = new boolean[n];
    java.util.Arrays.fill(numeric, true);
    for (int c = 0; c < n; c++) {
      width[c] = length(shown(columns.get(c)));
    }
    for (List<Object> row : rows) {
      if (row.size() != n) {
        throw new IllegalArgumentException("row of " + row.size() + " values under " + n + " columns");
      }
      String[] line = new String[n];
      for (int c = 0; c < n; c++) {
        Object v = row.get(c);
        line[c] = cell(v);
        width[c] = Math.max(width[c], length(line[c]));
        numeric[c] &= v == null || v instanceof Number;
      }
      cells.add(line);
    }
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < n; c++) {
      b.append(c == 0 ? " " : " | ").append(pad(shown(columns.get(c)), width[c], false));
    }
    b.append('\n');
    for (int c = 0; c < n; c++) {
      b.append(c == 0 ? "-" : "-+-").append("-".repeat(width[c]));
    }
    b.append('-');
    for (String[] line : cells) {
      b.append('\n');
      for (int c = 0; c < n; c++) {
        b.append(c == 0 ? " " : " | ").append(pad(line[c], width[c], numeric[c]));
      }
    }
    return stripLineEnds(b.toString());
  }

  /**
   * How one value is shown in the table.
   *
   * @param value a plain value or null
   * @return its display text (see the class description)
   */
  public static String cell(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Double d) {
      return decimal(d);
    }
    if (value instanceof Float f) {
      return decimal(f.doubleValue());
    }
    return shown(String.valueOf(value));
  }

  private static String decimal(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    BigDecimal v = BigDecimal.valueOf(d);
    if (v.scale() > DECIMALS) {
      v = v.setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
      if (v.scale() < 1) {
        v = v.setScale(1, RoundingMode.UNNECESSARY);
      }
    }
    return v.toPlainString();
  }

  private static String shown(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      switch (cp) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (Character.isISOControl(cp)) {
            b.append('?');
          } else {
            b.appendCodePoint(cp);
          }
        }
      }
    });
    if (length(b.toString()) > MAX_WIDTH) {
      int end = b.offsetByCodePoints(0, MAX_WIDTH - 1);
      return b.substring(0, end) + "…";
    }
    return b.toString();
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - length(s));
    return right ? fill + s : s + fill;
  }

  private static String stripLineEnds(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(line.stripTrailing());
    }
    return b.toString();
  }
}
