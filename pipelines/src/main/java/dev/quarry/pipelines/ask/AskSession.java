package dev.quarry.pipelines.ask;

import dev.quarry.core.model.Generation;
import dev.quarry.core.model.SqlCandidate;
import dev.quarry.core.model.SqlGenerator;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.SqlExecutor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers questions with one generator and one executor, both opened once by the caller: the model's
 * candidates are filtered to complete SQL ({@link Placeholders}), the best complete one runs, and at most
 * {@code maxRows} rows of its result are kept.
 *
 * <p>When the executor refuses a result for having too many rows, the first {@code maxRows} rows are
 * fetched with {@code SELECT * FROM (sql) LIMIT maxRows} and the answer says the row count is a lower
 * bound. Not thread-safe (neither are generators).
 */
public final class AskSession {

  private final SqlGenerator generator;
  private final SqlExecutor executor;
  private final int maxRows;

  /**
   * @param generator the model (not closed here)
   * @param executor runs the SQL on the seed data (not closed here)
   * @param maxRows most rows kept per answer, at least 1
   * @throws IllegalArgumentException when {@code maxRows} is below 1
   */
  public AskSession(SqlGenerator generator, SqlExecutor executor, int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("--show-rows must be at least 1 (was " + maxRows + ")");
    }
    this.generator = generator;
    this.executor = executor;
    this.maxRows = maxRows;
  }

  /**
   * Asks the model and runs its best complete SQL.
   *
   * @param question a non-blank question
   * @return the answer; a bad or missing SQL is an answer with an {@link Answer#error()}, never an exception
   * @throws IllegalArgumentException when the question is blank
   * @throws RuntimeException when the generator itself fails (see {@link SqlGenerator#generate})
   */
  public Answer answer(String question) {
    if (question == null || question.isBlank()) {
      throw new IllegalArgumentException("the question is empty");
    }
    Generation g = generator.generate(question);
    List<SqlCandidate> complete = new ArrayList<>();
    Set<String> placeholders = new LinkedHashSet<>();
    int hidden = 0;
    for (SqlCandidate c : g.candidates()) {
      if (Placeholders.isComplete(c.sql())) {
        complete.add(c);
      } else {
        hidden++;
        placeholders.addAll(Placeholders.unresolved(c.sql()));
      }
    }
    List<String> ph = List.copyOf(placeholders);
    if (complete.isEmpty()) {
      String why = g.candidates().isEmpty() ? "the model produced no SQL for this question"
          : ph.isEmpty() ? "the model produced no usable SQL for this question"
          : "the model's SQL needs values the question does not give (it still holds " + String.join(", ", ph)
              + "); name them in the question, e.g. the school year, the number or the exact name, and ask again";
      return new Answer(question, null, null, List.of(), hidden, ph, g.latencyMicros(), List.of(), List.of(), 0,
          true, why);
    }
    SqlCandidate best = complete.get(0);
    List<SqlCandidate> others = complete.subList(1, complete.size());
    QueryOutcome o = executor.execute(best.sql());
    if (o.isOk()) {
      List<List<Object>> rows = o.rows().size() > maxRows ? o.rows().subList(0, maxRows) : o.rows();
      return new Answer(question, best.sql(), best.score(), others, hidden, ph, g.latencyMicros(), o.columnNames(),
          rows, o.rows().size(), true, null);
    }
    if (o.status() == QueryOutcome.Status.TOO_MANY_ROWS) {
      long atLeast = Math.max(0, o.rowCount() - 1L);
      QueryOutcome first = executor.execute("SELECT * FROM (\n" + best.sql() + "\n) AS quarry_ask LIMIT " + maxRows);
      if (first.isOk()) {
        return new Answer(question, best.sql(), best.score(), others, hidden, ph, g.latencyMicros(),
            first.columnNames(), first.rows(), atLeast, false, null);
      }
      return new Answer(question, best.sql(), best.score(), others, hidden, ph, g.latencyMicros(), List.of(),
          List.of(), 0, true, "the SQL returns more than " + atLeast + " rows and its first rows could not be fetched: "
              + describe(first));
    }
    return new Answer(question, best.sql(), best.score(), others, hidden, ph, g.latencyMicros(), List.of(), List.of(),
        0, true, "the SQL does not run: " + describe(o));
  }

  /** A failed outcome in words, e.g. {@code DuckDB error: Binder Error: …}. */
  static String describe(QueryOutcome o) {
    String msg = o.message() == null ? "" : o.message().strip();
    return switch (o.status()) {
      case REJECTED -> "refused by the SQL checks (" + o.rejectReason() + "): " + msg;
      case ERROR -> "DuckDB error: " + msg;
      case TIMEOUT -> "timed out: " + msg;
      case TOO_MANY_ROWS -> "too many rows: " + msg;
      case OK -> "ran";
    };
  }
}
