package dev.quarry.eval.results;

import dev.quarry.core.sql.FailureClass;
import dev.quarry.core.sql.FailureClassifier;
import java.util.List;

/**
 * The score of one bank question: one line of {@code results.jsonl} (field names in snake_case there, see
 * {@link ResultsJsonl}).
 *
 * @param id question id
 * @param question question text
 * @param category category
 * @param difficulty easy|medium|hard|extra
 * @param goldSql the gold alternative that matched, else the first
 * @param predictedSql predicted SQL ("" when none)
 * @param exStrict execution match, same columns
 * @param exLenient execution match, extra predicted columns allowed
 * @param testSuite strict match on the main database and on every test-suite database
 * @param exactSet normalized SQL equals a gold alternative's
 * @param validSql the prediction ran without error
 * @param errorClass null when {@code exStrict}; else why not
 * @param generationMs generation time, ms
 * @param executionMs execution time of the prediction on the main database, ms
 * @param goldColumns gold column names
 * @param goldRows first 20 gold rows
 * @param predictedColumns predicted column names
 * @param predictedRows first 20 predicted rows
 * @param message error text or null
 * @param failureClass why a wrong answer is wrong ({@link FailureClassifier}: the first clause that differs from the
 *     gold SQL, or invalid SQL when the prediction did not run); null when the strict execution match holds
 */
public record QuestionResult(String id, String question, String category, String difficulty, String goldSql,
    String predictedSql, boolean exStrict, boolean exLenient, boolean testSuite, boolean exactSet, boolean validSql,
    EvalError errorClass, double generationMs, double executionMs, List<String> goldColumns,
    List<List<Object>> goldRows, List<String> predictedColumns, List<List<Object>> predictedRows, String message,
    FailureClass failureClass) {

  /**
   * A result whose {@link #failureClass} is classified here, once, from {@code goldSql}, {@code predictedSql} and
   * {@code validSql} (parameters as in the record's description).
   */
  public QuestionResult(String id, String question, String category, String difficulty, String goldSql,
      String predictedSql, boolean exStrict, boolean exLenient, boolean testSuite, boolean exactSet, boolean validSql,
      EvalError errorClass, double generationMs, double executionMs, List<String> goldColumns,
      List<List<Object>> goldRows, List<String> predictedColumns, List<List<Object>> predictedRows, String message) {
    this(id, question, category, difficulty, goldSql, predictedSql, exStrict, exLenient, testSuite, exactSet, validSql,
        errorClass, generationMs, executionMs, goldColumns, goldRows, predictedColumns, predictedRows, message,
        exStrict ? null : FailureClassifier.classify(goldSql, predictedSql, validSql));
  }

  /** Generation + execution, ms. */
  public double latencyMs() {
    return generationMs + executionMs;
  }

  /** A question fails when its strict execution match or its test-suite check fails. */
  public boolean failing() {
    return !exStrict || !testSuite;
  }
}
