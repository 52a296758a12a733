package dev.quarry.core.duckdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens an in-memory DuckDB connection for Quarry's own, trusted SQL (reading its Parquet outputs,
 * counting rows, sampling values). Extension auto-install and auto-load are switched off so that nothing
 * tries the network (parquet and json are built into the JDBC driver). Untrusted SQL goes through
 * {@link dev.quarry.core.sql.SqlSandbox} instead.
 */
public final class LocalDuckDb {

  private LocalDuckDb() {}

  /**
   * A new in-memory connection; the caller closes it.
   *
   * @throws SQLException if DuckDB cannot be opened
   */
  public static Connection open() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions=false");
      st.execute("SET autoload_known_extensions=false");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }
}
