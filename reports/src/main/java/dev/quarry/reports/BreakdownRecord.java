package dev.quarry.reports;

/**
 * One row of the history's {@code run_breakdown} table.
 *
 * @param runId run id
 * @param scope {@code category} or {@code difficulty}
 * @param key the category or difficulty name
 * @param n questions in this group
 * @param exStrict execution accuracy (strict), 0..1
 * @param exLenient execution accuracy (lenient), 0..1
 * @param testSuite test-suite accuracy, 0..1
 */
public record BreakdownRecord(
    String runId, String scope, String key, int n, double exStrict, double exLenient, double testSuite) {

  /** Scope value for per-category rows. */
  public static final String CATEGORY = "category";
  /** Scope value for per-difficulty rows. */
  public static final String DIFFICULTY = "difficulty";
}
