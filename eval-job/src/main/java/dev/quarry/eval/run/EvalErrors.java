package dev.quarry.eval.run;

import dev.quarry.core.sql.ErrorClass;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.RejectReason;
import java.util.List;

/**
 * The eval error classes of {@code results.jsonl} and how sandbox outcomes map to them:
 * {@code parse_error} (JSqlParser or DuckDB parser refused it), {@code unsafe} (validator or gate refused
 * a non-SELECT, several statements, a table function, or the lock-down refused an operation),
 * {@code unknown_table}, {@code unknown_column}, {@code runtime_error} (binder/conversion errors, too many
 * rows), {@code timeout}, {@code wrong_result} (ran, result differs), {@code no_prediction},
 * {@code too_complex} (longer than the SQL length limit, or nested/operator-heavy beyond {@link
 * dev.quarry.core.sql.SqlShape}'s limits: refused before any parser ran), {@code resource_limit} (DuckDB or the
 * worker ran out of its memory cap, or the result exceeded the result-size bound), {@code internal_error}
 * (the harness itself failed on this one question, e.g. the worker process died; the message says how) and
 * {@link #GOLD_FAILED} (the bank's gold SQL does not run, so the question cannot be scored: it is left out of
 * every metric, see {@link Metrics#of}).
 */
public final class EvalErrors {

  /** The question's gold SQL failed: the bank is at fault, not the model; the question is not scored. */
  public static final String GOLD_FAILED = "gold_failed";

  /** All classes, in report order. */
  public static final List<String> ALL = List.of("parse_error", "unsafe", "unknown_table", "unknown_column",
      "runtime_error", "timeout", "wrong_result", "no_prediction", "too_complex", "resource_limit", "internal_error",
      GOLD_FAILED);

  private EvalErrors() {}

  /**
   * Classifies a failed (not OK) outcome.
   *
   * @param o an outcome whose status is not OK
   * @return the eval error class
   */
  public static String of(QueryOutcome o) {
    switch (o.status()) {
      case REJECTED:
        return rejected(o.rejectReason(), o.message());
      case TIMEOUT:
        return "timeout";
      case TOO_MANY_ROWS:
        return "runtime_error";
      case ERROR:
        ErrorClass e = o.errorClass() == null ? ErrorClass.OTHER : o.errorClass();
        return switch (e) {
          case UNKNOWN_TABLE -> "unknown_table";
          case UNKNOWN_COLUMN -> "unknown_column";
          case SYNTAX -> "parse_error";
          case PERMISSION -> "unsafe";
          case INTERRUPTED -> "timeout";
          case OUT_OF_MEMORY, RESULT_TOO_LARGE -> "resource_limit";
          case WORKER_FAILED, INTERNAL -> "internal_error";
          default -> "runtime_error";
        };
      default:
        return "wrong_result";
    }
  }

  private static String rejected(RejectReason r, String message) {
    if (r == null) {
      return "unsafe";
    }
    return switch (r) {
      case EMPTY -> "no_prediction";
      case PARSE_ERROR -> "parse_error";
      case TOO_LONG, TOO_COMPLEX -> "too_complex";
      case UNKNOWN_TABLE -> "unknown_table";
      case UNKNOWN_COLUMN -> "unknown_column";
      case DUCKDB_GATE -> message != null && message.toLowerCase(java.util.Locale.ROOT).contains("parser") ? "parse_error" : "unsafe";
      default -> "unsafe";
    };
  }
}
