package dev.quarry.core.domain.init;

/** SQL text shared by DuckDB, SQLite and PostgreSQL: identifiers always double-quoted. */
final class Sql {

  private Sql() {}

  /** {@code "name"} with inner quotes doubled. */
  static String q(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
