package dev.quarry.core.sql;

import java.util.Locale;

/**
 * What kind of runtime failure a DuckDB error message reports, so that evaluation can tell schema
 * mistakes (unknown table/column) from other errors. Classified from DuckDB's message prefixes
 * ({@code Catalog Error:}, {@code Binder Error:}, {@code Parser Error:}, {@code Conversion Error:} …).
 */
public enum ErrorClass {
  /** {@code Catalog Error: Table with name … does not exist}. */
  UNKNOWN_TABLE,
  /** {@code Binder Error: Referenced column … not found} and similar. */
  UNKNOWN_COLUMN,
  /** {@code Catalog Error: Scalar Function with name … does not exist} (or aggregate/table function). */
  UNKNOWN_FUNCTION,
  /** Any other binder error: type mismatch, no function overload, GROUP BY misuse. */
  BINDER,
  /** DuckDB's parser refused the text. */
  SYNTAX,
  /** Conversion, out-of-range, invalid input, division errors while running. */
  RUNTIME,
  /** Cancelled (timeout) or interrupted. */
  INTERRUPTED,
  /** Out of memory. */
  OUT_OF_MEMORY,
  /** The sandbox's lock-down refused an operation (permission, read-only, external access). */
  PERMISSION,
  /**
   * The result exceeded the sandbox's size bound ({@link SqlSandbox#MAX_RESULT_CHARS} characters of cell
   * text), so it was dropped rather than held in memory.
   */
  RESULT_TOO_LARGE,
  /**
   * The isolated worker process that ran the query died (crash, or killed for exceeding its memory cap is
   * {@link #OUT_OF_MEMORY}) and was restarted.
   */
  WORKER_FAILED,
  /** Quarry itself failed while handling this one query (a bug or a resource exhausted in the harness). */
  INTERNAL,
  /** Anything else. */
  OTHER;

  /** Classifies a DuckDB error message; never throws (null ⇒ {@link #OTHER}). */
  public static ErrorClass classify(String message) {
    if (message == null) {
      return OTHER;
    }
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("interrupt") || m.contains("cancel")) {
      return INTERRUPTED;
    }
    if (m.contains("out of memory")) {
      return OUT_OF_MEMORY;
    }
    if (m.contains("catalog error")) {
      if (m.contains("function")) {
        return UNKNOWN_FUNCTION;
      }
      if (m.contains("table") || m.contains("view") || m.contains("schema")) {
        return UNKNOWN_TABLE;
      }
      return OTHER;
    }
    if (m.contains("binder error")) {
      if (m.contains("referenced column") || m.contains("column") && m.contains("not found")
          || m.contains("referenced table") || m.contains("does not have a column")) {
        return m.contains("referenced table") ? UNKNOWN_TABLE : UNKNOWN_COLUMN;
      }
      return BINDER;
    }
    if (m.contains("parser error") || m.contains("syntax error")) {
      return SYNTAX;
    }
    if (m.contains("permission error") || m.contains("read-only") || m.contains("external access")
        || m.contains("lock_configuration") || m.contains("cannot change")) {
      return PERMISSION;
    }
    if (m.contains("conversion error") || m.contains("out of range") || m.contains("invalid input")
        || m.contains("division")) {
      return RUNTIME;
    }
    return OTHER;
  }
}
