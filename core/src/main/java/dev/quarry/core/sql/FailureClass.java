package dev.quarry.core.sql;

import java.util.Locale;

/**
 * Why a wrong answer is wrong: the first part of the predicted SQL that differs from the gold SQL, checked in
 * declaration order (so a prediction on the wrong table is {@link #WRONG_TABLE} even if its filters differ too).
 * The classes follow the clause-level components of Spider's exact-set match (Yu et al. 2018, "Spider",
 * Section 5.1: SELECT, aggregates, WHERE, GROUP BY, ORDER BY/LIMIT), plus invalid SQL. JSON keys are the
 * lower-case names ({@link #key()}).
 */
public enum FailureClass {
  /** No prediction, or it failed validation or execution. */
  INVALID_SQL,
  /** The set of tables read differs. */
  WRONG_TABLE,
  /** The aggregate functions of the SELECT list differ (e.g. COUNT for AVG, or one missing). */
  WRONG_AGGREGATE,
  /** Same aggregates, but the columns of the SELECT list differ. */
  WRONG_COLUMN,
  /** The gold SQL filters (WHERE/HAVING) on a column the prediction does not filter on. */
  MISSING_FILTER,
  /** The prediction filters on a column the gold SQL does not filter on. */
  EXTRA_FILTER,
  /** Same filtered columns, other literal values or comparisons (a wrong school, year, threshold, direction). */
  WRONG_FILTER_VALUE,
  /** The GROUP BY columns differ. */
  WRONG_GROUPING,
  /** ORDER BY or LIMIT differ. */
  WRONG_ORDER_LIMIT,
  /** All the above agree; the difference is elsewhere (expressions, DISTINCT, subqueries, rounding). */
  OTHER;

  /** The JSON spelling, e.g. {@code wrong_filter_value}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The class whose {@link #key()} is {@code key}.
   *
   * @throws IllegalArgumentException naming the key and the known keys when none has it
   */
  public static FailureClass ofKey(String key) {
    for (FailureClass f : values()) {
      if (f.key().equals(key)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown failure class '" + key + "' (known: "
        + java.util.Arrays.stream(values()).map(FailureClass::key).toList() + ")");
  }
}
