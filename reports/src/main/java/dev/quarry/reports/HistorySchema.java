package dev.quarry.reports;

import java.util.List;

/**
 * The evaluation history's tables, as fixed by the eval-job / reports contract
 * ({@code evals/history.duckdb}, written by the eval-job's {@code HistoryDb}). The reports module only reads
 * them; the DDL is kept here so tests can build fixture databases with exactly the same names and types.
 */
public final class HistorySchema {

  /** File name of the history database inside {@code <workspace>/evals/}. */
  public static final String FILE_NAME = "history.duckdb";

  /** One row per evaluation run; metrics are fractions in 0..1. */
  public static final String RUNS_DDL =
      "CREATE TABLE IF NOT EXISTS runs(run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,"
          + " model_spec VARCHAR, model_id VARCHAR, bank_sha256 VARCHAR, n INTEGER, ex_strict DOUBLE,"
          + " ex_lenient DOUBLE, test_suite DOUBLE, exact_set DOUBLE, valid_sql DOUBLE, run_dir VARCHAR)";

  /** Per-run breakdown; {@code scope} is {@code category} or {@code difficulty}. */
  public static final String RUN_BREAKDOWN_DDL =
      "CREATE TABLE IF NOT EXISTS run_breakdown(run_id VARCHAR, scope VARCHAR, key VARCHAR, n INTEGER,"
          + " ex_strict DOUBLE, ex_lenient DOUBLE, test_suite DOUBLE)";

  /** Per-question outcomes of every run. */
  public static final String RESULTS_DDL =
      "CREATE TABLE IF NOT EXISTS results(run_id VARCHAR, id VARCHAR, category VARCHAR, difficulty VARCHAR,"
          + " ex_strict BOOLEAN, ex_lenient BOOLEAN, test_suite BOOLEAN, exact_set BOOLEAN, error_class VARCHAR,"
          + " latency_ms DOUBLE)";

  /** All DDL statements, in creation order. */
  public static final List<String> DDL = List.of(RUNS_DDL, RUN_BREAKDOWN_DDL, RESULTS_DDL);

  private HistorySchema() {}
}
