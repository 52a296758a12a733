package dev.quarry.reports;

import java.util.List;

/** Read-only view models handed to the Pebble templates (all values already formatted). */
public final class Views {

  private Views() {}

  /**
   * A run in the runs table.
   *
   * @param runId run id
   * @param page page path relative to the site root ({@code runs/<id>.html})
   * @param started start time (ISO-8601, UTC) or ""
   * @param model model id and spec
   * @param bank the first hex digits of the bank's SHA-256 ("" when unknown)
   * @param bankSha256 the bank's SHA-256 ("" when unknown)
   * @param n questions
   * @param exStrict EX strict, formatted
   * @param exLenient EX lenient, formatted
   * @param testSuite test-suite accuracy, formatted
   * @param exactSet exact-set match, formatted
   * @param validSql valid SQL rate, formatted
   * @param deltaEx EX strict change vs the previous run on the same bank ("" when there is none)
   */
  public record RunEntry(String runId, String page, String started, String model, String bank, String bankSha256,
      int n, String exStrict, String exLenient, String testSuite, String exactSet, String validSql,
      String deltaEx) {}

  /**
   * One group (category or difficulty) in a breakdown table.
   *
   * @param key group name
   * @param n questions
   * @param exStrict formatted
   * @param exLenient formatted
   * @param testSuite formatted
   * @param deltaEx EX strict change vs the previous run on the same bank ("" when unknown)
   * @param deltaTestSuite test-suite change vs the previous run on the same bank ("" when unknown)
   */
  public record GroupRow(String key, int n, String exStrict, String exLenient, String testSuite,
      String deltaEx, String deltaTestSuite) {}

  /**
   * A label with a count or value.
   *
   * @param label label
   * @param value value
   */
  public record LabelValue(String label, String value) {}

  /**
   * A result table (columns + first rows).
   *
   * @param columns column names
   * @param rows cells as text
   */
  public record ResultRows(List<String> columns, List<List<String>> rows) {

    /** A table of result values: a cell is its text, {@code NULL} for SQL NULL. */
    public static ResultRows of(List<String> columns, List<List<Object>> rows) {
      List<List<String>> cells = rows.stream()
          .map(r -> r.stream().map(v -> v == null ? "NULL" : String.valueOf(v)).toList()).toList();
      return new ResultRows(columns, cells);
    }
  }

  /**
   * A failing question on a run page.
   *
   * @param id question id
   * @param question the question
   * @param category category
   * @param difficulty difficulty
   * @param errorClass error class or ""
   * @param message error text or ""
   * @param goldSql gold SQL
   * @param predictedSql predicted SQL ("" if none)
   * @param exStrict whether the strict EX matched (a question can pass EX and fail test-suite)
   * @param gold gold result
   * @param predicted predicted result
   */
  public record Failure(String id, String question, String category, String difficulty, String errorClass,
      String message, String goldSql, String predictedSql, boolean exStrict, ResultRows gold, ResultRows predicted) {}
}
