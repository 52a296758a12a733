package dev.quarry.pipelines.ask;

import dev.quarry.core.model.SqlCandidate;
import java.util.List;

/**
 * What {@link AskSession#answer} found for one question.
 *
 * @param question the question as asked
 * @param sql the SQL that was run: the best complete candidate; null when the model gave none
 * @param score the model's score of {@code sql} (log-probability: 0 is certain, more negative is less
 *     sure); null when there is no SQL
 * @param alternatives the other complete candidates, best first (empty with greedy decoding)
 * @param hidden how many candidates were not shown because they are incomplete (placeholders left, or empty)
 * @param hiddenPlaceholders the placeholders those candidates hold, e.g. {@code <year_1>}
 * @param latencyMicros the model's decoding time in microseconds
 * @param columns result column names; empty when the SQL did not run
 * @param rows the result rows shown (at most the row limit); empty when the SQL did not run
 * @param rowCount rows in the whole result when {@code rowCountExact}; otherwise the result has more
 *     rows than this
 * @param rowCountExact whether {@code rowCount} is the exact number of rows
 * @param error why there is no result (no complete SQL, or the SQL did not run); null on success
 */
public record Answer(
    String question,
    String sql,
    Double score,
    List<SqlCandidate> alternatives,
    int hidden,
    List<String> hiddenPlaceholders,
    long latencyMicros,
    List<String> columns,
    List<List<Object>> rows,
    long rowCount,
    boolean rowCountExact,
    String error) {

  /** Copies the lists (rows may hold nulls, so they are copied without {@code List.copyOf}). */
  public Answer {
    alternatives = List.copyOf(alternatives);
    hiddenPlaceholders = List.copyOf(hiddenPlaceholders);
    columns = List.copyOf(columns);
    rows = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rows));
  }

  /** True when the SQL ran and {@link #rows} holds (the first rows of) its result. */
  public boolean ok() {
    return error == null;
  }

  /** True when the result has more rows than {@link #rows} shows. */
  public boolean truncated() {
    return !rowCountExact || rowCount > rows.size();
  }
}
