package dev.quarry.core.domain.init;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * What the JDBC-backed catalogs (DuckDB, SQLite, PostgreSQL) share: the read-only connection they own and
 * close, and the canonical order of foreign keys (by column, then referenced table) that keeps drafts
 * deterministic.
 */
abstract class JdbcCatalog implements SourceCatalog {

  /** The read-only connection; closed by {@link #close()}. */
  protected final Connection connection;

  JdbcCatalog(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Connection connection() {
    return connection;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // read-only connection: closing it cannot lose data
    }
  }

  /** Null for null or blank text (comments, descriptions). */
  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Sorts foreign keys by column, then referenced table. */
  static void sortForeignKeys(List<SourceTable.ForeignKey> keys) {
    keys.sort(Comparator.comparing((SourceTable.ForeignKey k) -> k.column()).thenComparing(k -> k.referencedTable()));
  }
}
