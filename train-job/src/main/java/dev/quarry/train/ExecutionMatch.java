package dev.quarry.train;

import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.SqlSandbox;
import java.util.HashMap;
import java.util.Map;

/**
 * Execution accuracy (Yu et al. 2018, Spider; Zhong et al. 2020 test-suite idea with one database): a
 * prediction is correct when it runs through the shared validator/sandbox and its result fingerprint
 * ({@link dev.quarry.core.sql.ResultFingerprint}) equals the gold query's. Gold outcomes are cached.
 */
public final class ExecutionMatch {

  private final SqlSandbox sandbox;
  private final Map<String, String> gold = new HashMap<>();

  /** Uses {@code sandbox} for both gold and predicted SQL. */
  public ExecutionMatch(SqlSandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** True if {@code predicted} runs and returns the same result as {@code goldSql}. */
  public boolean matches(String predicted, String goldSql) {
    String g = gold.computeIfAbsent(goldSql, s -> {
      QueryOutcome o = sandbox.execute(s);
      return o.isOk() ? o.fingerprint() : "gold-failed:" + o.status();
    });
    QueryOutcome p = sandbox.execute(predicted);
    return p.isOk() && g.equals(p.fingerprint());
  }
}
