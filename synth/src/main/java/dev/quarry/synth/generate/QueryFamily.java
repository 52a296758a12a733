package dev.quarry.synth.generate;

/**
 * The shape of a generated query. Every {@link Candidate} is tagged with exactly one family so that
 * the dataset can be balanced and evaluated per family.
 */
public enum QueryFamily {
  /** {@code SELECT COUNT(*) FROM t WHERE …}. */
  FILTERED_COUNT,
  /** One SUM/AVG/MIN/MAX of a measure, optionally filtered. */
  AGGREGATE,
  /** An aggregate grouped by one dimension. */
  GROUP_BY,
  /** An aggregate grouped by two dimensions. */
  GROUP_BY_TWO,
  /** Grouped aggregate or rows ordered with LIMIT ("which school has the most …"). */
  TOP_N,
  /** Percentages and ratios of counts. */
  RATIO,
  /** One value per year, or the change against the previous year. */
  YEAR_OVER_YEAR,
  /** Students joined with a fact table (attendance, grades, discipline). */
  JOIN,
  /** Date ranges and date functions on a DATE column. */
  DATE_RANGE,
  /** GROUP BY with a HAVING condition. */
  HAVING,
  /** Subqueries: above the overall average, NOT IN, IN with HAVING. */
  NESTED,
  /** {@code COUNT(DISTINCT …)}. */
  COUNT_DISTINCT,
  /** Two named years side by side or their difference. */
  YEAR_COMPARISON
}
