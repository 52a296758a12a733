package dev.quarry.pipelines.ask;

import dev.quarry.core.model.Generation;
import dev.quarry.core.model.SqlCandidate;
import dev.quarry.core.model.SqlGenerator;
import dev.quarry.core.sql.ErrorClass;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.SqlExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A generator with fixed candidates and an executor with fixed outcomes, for tests without a model. */
public final class Fakes {

  private Fakes() {}

  /** Candidates as (sql, score) pairs: {@code candidates("SELECT 1", -0.5, "SELECT 2", -1.0)}. */
  public static SqlGenerator generator(Object... sqlAndScore) {
    List<SqlCandidate> list = new ArrayList<>();
    for (int i = 0; i < sqlAndScore.length; i += 2) {
      list.add(new SqlCandidate((String) sqlAndScore[i], ((Number) sqlAndScore[i + 1]).doubleValue()));
    }
    return new SqlGenerator() {
      @Override
      public String modelId() {
        return "fake";
      }

      @Override
      public Generation generate(String question) {
        return new Generation(list, 212_345);
      }
    };
  }

  /** Records what it ran and answers with {@code answers}. */
  public static final class Executor implements SqlExecutor {
    public final List<String> ran = new ArrayList<>();
    private final Function<String, QueryOutcome> answers;

    public Executor(Function<String, QueryOutcome> answers) {
      this.answers = answers;
    }

    @Override
    public QueryOutcome execute(String sql) {
      ran.add(sql);
      return answers.apply(sql);
    }

    @Override
    public Map<String, Long> tableRowCounts() {
      return Map.of();
    }

    @Override
    public void close() {}
  }

  /** An OK outcome. */
  public static QueryOutcome ok(List<String> columns, List<List<Object>> rows) {
    return new QueryOutcome(QueryOutcome.Status.OK, null, null, "", columns,
        columns.stream().map(c -> "VARCHAR").toList(), rows, rows.size(), false, "f", 100);
  }

  /** A DuckDB error outcome. */
  public static QueryOutcome error(String message) {
    return new QueryOutcome(QueryOutcome.Status.ERROR, null, ErrorClass.classify(message), message, List.of(),
        List.of(), List.of(), 0, false, null, 100);
  }

  /** The outcome of a result over a row cap of {@code cap}. */
  public static QueryOutcome tooManyRows(List<String> columns, int cap) {
    return new QueryOutcome(QueryOutcome.Status.TOO_MANY_ROWS, null, null, "More than " + cap + " rows", columns,
        columns.stream().map(c -> "VARCHAR").toList(), List.of(), cap + 1, false, null, 100);
  }

  /** One row. */
  public static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
