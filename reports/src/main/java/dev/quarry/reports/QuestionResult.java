package dev.quarry.reports;

import java.util.List;

/**
 * One line of a run's {@code results.jsonl}, as the report uses it. Result cells are already rendered to
 * text ({@code NULL} for JSON null) so templates only print them.
 *
 * @param id question id
 * @param question natural-language question
 * @param category bank category
 * @param difficulty easy | medium | hard | extra
 * @param goldSql the gold SQL (the alternative that matched, else the first)
 * @param predictedSql the prediction ("" if none)
 * @param exStrict strict execution match
 * @param exLenient lenient execution match
 * @param testSuite correct on every test-suite database
 * @param errorClass null when correct, else e.g. {@code wrong_result}, {@code parse_error}
 * @param latencyMs generation + execution, milliseconds
 * @param goldColumns gold result column names
 * @param goldRows first rows of the gold result (at most 20)
 * @param predictedColumns predicted result column names
 * @param predictedRows first rows of the predicted result (at most 20)
 * @param message error text or null
 */
public record QuestionResult(
    String id,
    String question,
    String category,
    String difficulty,
    String goldSql,
    String predictedSql,
    boolean exStrict,
    boolean exLenient,
    boolean testSuite,
    String errorClass,
    double latencyMs,
    List<String> goldColumns,
    List<List<String>> goldRows,
    List<String> predictedColumns,
    List<List<String>> predictedRows,
    String message) {

  /** A question fails when its strict execution match or its test-suite check fails. */
  public boolean failing() {
    return !exStrict || !testSuite;
  }
}
