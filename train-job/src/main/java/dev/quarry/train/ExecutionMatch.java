package dev.quarry.train;

import dev.quarry.core.compare.ResultComparator;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.SqlSandbox;
import java.util.HashMap;
import java.util.Map;

/**
 * Execution accuracy during training, with the evaluation's meaning (Yu et al. 2018, Spider): a prediction is
 * correct when it runs through the shared validator/sandbox and {@link ResultComparator}'s strict verdict
 * against the gold result holds (column order and names ignored, numbers within the default precision and
 * tolerance, row order only when the gold query has ORDER BY), exactly as {@code quarry eval}'s
 * {@code ex_strict}. Gold outcomes of at most {@value #CACHED_ROWS} rows are cached (the validation sample is
 * scored every epoch).
 */
public final class ExecutionMatch {

  /** Largest gold result (rows) kept in the cache; larger ones are run again when needed. */
  static final int CACHED_ROWS = 1_000;

  private final SqlSandbox sandbox;
  private final ResultComparator comparator;
  private final Map<String, QueryOutcome> gold = new HashMap<>();

  /** Uses {@code sandbox} for both gold and predicted SQL and {@link ResultComparator#defaults()}. */
  public ExecutionMatch(SqlSandbox sandbox) {
    this.sandbox = sandbox;
    this.comparator = ResultComparator.defaults();
  }

  /** True if {@code predicted} runs and its result matches {@code goldSql}'s strictly. */
  public boolean matches(String predicted, String goldSql) {
    QueryOutcome g = gold.get(goldSql);
    if (g == null) {
      g = sandbox.execute(goldSql);
      if (g.rows().size() <= CACHED_ROWS) {
        gold.put(goldSql, g);
      }
    }
    return comparator.compare(g, sandbox.execute(predicted)).strict();
  }
}
