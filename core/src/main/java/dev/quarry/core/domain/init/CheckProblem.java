package dev.quarry.core.domain.init;

/**
 * One problem {@code quarry domain check} found in an edited domain file.
 *
 * @param kind what is wrong
 * @param table the table concerned, or null
 * @param column the column concerned, or null
 * @param message the explanation, in words
 */
public record CheckProblem(Kind kind, String table, String column, String message) {

  /** What can be wrong. */
  public enum Kind {
    /** The file does not load (malformed JSON, unknown field, broken cross reference). */
    INVALID_FILE,
    /** A table the source does not have. */
    UNKNOWN_TABLE,
    /** A column the source table does not have. */
    UNKNOWN_COLUMN,
    /** The declared type differs from the source column's type. */
    TYPE_MISMATCH,
    /** The role contradicts the type (a measure on VARCHAR, a flag on INTEGER…). */
    ROLE_CONTRADICTS_TYPE,
    /** A vocabulary or year value that no column using it holds. */
    VALUE_NOT_FOUND,
    /** A join between columns of different types. */
    JOIN_TYPE_MISMATCH,
    /** The declared query bank ({@code "bank": {"path": …}}) does not exist, is not a file, or cannot be read. */
    BANK_UNREADABLE
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + message;
  }
}
