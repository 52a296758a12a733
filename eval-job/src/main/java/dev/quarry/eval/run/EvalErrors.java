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
 * rows), {@code timeout}, {@code wrong_result} (ran, result differs), {@code no_prediction}.
 */
public final class EvalErrors {

  /** All classes, in report order. */
  public static final List<String> ALL = List.of("parse_error", "unsafe", "unknown_table", "unknown_column",
      "runtime_error", "timeout", "wrong_result", "no_prediction");

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
      case PARSE_ERROR, TOO_LONG -> "parse_error";
      case UNKNOWN_TABLE -> "unknown_table";
      case UNKNOWN_COLUMN -> "unknown_column";
      case DUCKDB_GATE -> message != null && message.toLowerCase(java.util.Locale.ROOT).contains("parser") ? "parse_error" : "unsafe";
      default -> "unsafe";
    };
  }
}
