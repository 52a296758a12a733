package dev.quarry.eval.results;

import dev.quarry.core.sql.ErrorClass;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.RejectReason;
import java.util.Locale;

/**
 * Why a question's prediction did not count: the {@code error_class} of {@code results.jsonl}, of
 * {@code summary.json}'s {@code error_classes} and of the history's {@code results} table, spelled there as
 * {@link #id()} (the constant's name in lower case). Constants are in report order. A failed prediction's class
 * comes from the sandbox's typed outcome ({@link #of}): the guard's {@link RejectReason} or DuckDB's
 * {@link ErrorClass}.
 */
public enum EvalError {
  /** JSqlParser or DuckDB's parser refused the text. */
  PARSE_ERROR,
  /** The validator or gate refused a non-SELECT, several statements, a table function, or the lock-down refused an operation. */
  UNSAFE,
  /** A table the schema does not have. */
  UNKNOWN_TABLE,
  /** A column the referenced tables do not have. */
  UNKNOWN_COLUMN,
  /** Binder or conversion errors while running, or more rows than the cap. */
  RUNTIME_ERROR,
  /** Cancelled after the time limit. */
  TIMEOUT,
  /** Ran, but the result differs from the gold result. */
  WRONG_RESULT,
  /** No SQL (empty prediction, or the predictor failed). */
  NO_PREDICTION,
  /**
   * Longer than the SQL length limit, or nested/operator-heavy beyond {@link dev.quarry.core.sql.SqlShape}'s
   * limits: refused before any parser ran.
   */
  TOO_COMPLEX,
  /** DuckDB or the worker ran out of its memory cap, or the result exceeded the result-size bound. */
  RESOURCE_LIMIT,
  /** The harness itself failed on this one question (e.g. the worker process died); the message says how. */
  INTERNAL_ERROR,
  /**
   * The bank's gold SQL does not run (every alternative failed), so the question cannot be scored: it is left out
   * of every metric and warned about on the console; the bank, not the model, is at fault.
   */
  GOLD_FAILED;

  /** The spelling in the run files and the history, e.g. {@code wrong_result}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The class spelled {@code id} (as {@link #id()} writes it).
   *
   * @throws IllegalArgumentException for an unknown spelling, naming it
   */
  public static EvalError ofId(String id) {
    for (EvalError e : values()) {
      if (e.id().equals(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown error class '" + id + "'");
  }

  /**
   * Classifies a failed (not OK) outcome.
   *
   * @param o an outcome whose status is not OK
   * @return the eval error class
   */
  public static EvalError of(QueryOutcome o) {
    switch (o.status()) {
      case REJECTED:
        return rejected(o.rejectReason(), o.message());
      case TIMEOUT:
        return TIMEOUT;
      case TOO_MANY_ROWS:
        return RUNTIME_ERROR;
      case ERROR:
        ErrorClass e = o.errorClass() == null ? ErrorClass.OTHER : o.errorClass();
        return switch (e) {
          case UNKNOWN_TABLE -> UNKNOWN_TABLE;
          case UNKNOWN_COLUMN -> UNKNOWN_COLUMN;
          case SYNTAX -> PARSE_ERROR;
          case PERMISSION -> UNSAFE;
          case INTERRUPTED -> TIMEOUT;
          case OUT_OF_MEMORY, RESULT_TOO_LARGE -> RESOURCE_LIMIT;
          case WORKER_FAILED, INTERNAL -> INTERNAL_ERROR;
          default -> RUNTIME_ERROR;
        };
      default:
        return WRONG_RESULT;
    }
  }

  private static EvalError rejected(RejectReason r, String message) {
    if (r == null) {
      return UNSAFE;
    }
    return switch (r) {
      case EMPTY -> NO_PREDICTION;
      case PARSE_ERROR -> PARSE_ERROR;
      case TOO_LONG, TOO_COMPLEX -> TOO_COMPLEX;
      case UNKNOWN_TABLE -> UNKNOWN_TABLE;
      case UNKNOWN_COLUMN -> UNKNOWN_COLUMN;
      case DUCKDB_GATE -> message != null && message.toLowerCase(Locale.ROOT).contains("parser") ? PARSE_ERROR : UNSAFE;
      default -> UNSAFE;
    };
  }
}
