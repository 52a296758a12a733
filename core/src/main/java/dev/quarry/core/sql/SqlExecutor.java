package dev.quarry.core.sql;

import java.util.Map;

/**
 * Something that runs untrusted SQL over one database and reports every failure as a {@link QueryOutcome}:
 * an in-process {@link SqlSandbox}, or a sandbox inside a supervised worker process
 * ({@link SupervisedSqlExecutor}) whose time and memory limits hold even for statements DuckDB cannot cancel.
 */
public interface SqlExecutor extends AutoCloseable {

  /**
   * Validates, gates and runs one untrusted SQL text. Never throws for bad SQL.
   *
   * @param sql untrusted SQL (any length, any characters)
   * @return the outcome
   * @throws IllegalStateException if the executor was closed
   */
  QueryOutcome execute(String sql);

  /**
   * Row counts of the domain tables (trusted SQL), for checks that nothing changed.
   *
   * @return table name → rows, in domain order
   */
  Map<String, Long> tableRowCounts();

  /** Releases the database; idempotent. */
  @Override
  void close();
}
