package dev.quarry.core.sql;

import java.io.Serializable;
import java.util.List;

/**
 * What running one SQL text in a {@link SqlSandbox} produced.
 *
 * @param status how it ended
 * @param rejectReason for {@link Status#REJECTED}: why; otherwise null
 * @param errorClass for {@link Status#ERROR} and {@link Status#TIMEOUT}: the kind of failure; otherwise null
 * @param message reject or error message; empty when OK
 * @param columnNames result column names (OK and TOO_MANY_ROWS); empty otherwise
 * @param columnTypes DuckDB type names of the columns, e.g. {@code BIGINT}, {@code VARCHAR}
 * @param rows for OK: the rows as plain Java values ({@link Long}, {@link Double}, {@link String},
 *     {@link Boolean}, {@link java.time.LocalDate}, or null; other DuckDB types as their text); empty otherwise
 * @param rowCount for OK: number of rows; for TOO_MANY_ROWS: the cap + 1; otherwise 0
 * @param ordered whether the outermost query had ORDER BY (row order is part of the fingerprint)
 * @param fingerprint for OK: SHA-256 hex of the canonical result (see {@link ResultFingerprint}); otherwise null
 * @param elapsedMicros wall time of validation + gate + execution + fetching, in microseconds
 */
public record QueryOutcome(
    Status status,
    RejectReason rejectReason,
    ErrorClass errorClass,
    String message,
    List<String> columnNames,
    List<String> columnTypes,
    List<List<Object>> rows,
    int rowCount,
    boolean ordered,
    String fingerprint,
    long elapsedMicros)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** How a query ended. */
  public enum Status {
    /** Ran and returned at most the row cap. */
    OK,
    /** Refused by the validator or DuckDB gate; never ran. */
    REJECTED,
    /** DuckDB raised an error while binding or running it. */
    ERROR,
    /** Cancelled after the timeout. */
    TIMEOUT,
    /** Returned more rows than the cap. */
    TOO_MANY_ROWS
  }

  /** True if the query ran and returned a result. */
  public boolean isOk() {
    return status == Status.OK;
  }

  static QueryOutcome rejected(Verdict v, long micros) {
    return new QueryOutcome(Status.REJECTED, v.reason(), null, v.message(), List.of(), List.of(), List.of(), 0,
        false, null, micros);
  }

  /**
   * An ERROR outcome made by the harness rather than DuckDB (a worker that died, an exception while
   * scoring).
   *
   * @param errorClass the class, e.g. {@link ErrorClass#INTERNAL} or {@link ErrorClass#WORKER_FAILED}
   * @param message what happened, naming the query or question where known
   * @return the outcome, with no rows and no elapsed time
   */
  public static QueryOutcome internalError(ErrorClass errorClass, String message) {
    return failed(Status.ERROR, errorClass, message, false, 0);
  }

  static QueryOutcome failed(Status status, ErrorClass errorClass, String message, boolean ordered, long micros) {
    return new QueryOutcome(status, null, errorClass, message, List.of(), List.of(), List.of(), 0, ordered, null,
        micros);
  }
}
