package dev.quarry.core.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * Opens an in-memory DuckDB connection for Quarry's own, trusted SQL (reading its Parquet outputs,
 * counting rows, sampling values). Extension auto-install and auto-load are switched off so that nothing
 * tries the network (parquet and json are built into the JDBC driver). Untrusted SQL goes through
 * {@link dev.quarry.core.sql.SqlSandbox} instead.
 */
public final class LocalDuckDb {

  private LocalDuckDb() {}

  /**
   * Opens a DuckDB JDBC connection through the driver class itself rather than {@code DriverManager}.
   * {@code DriverManager} only hands out drivers registered by a class loader the caller can see; under
   * {@code flink run} Quarry's classes live in Flink's per-job user-code class loader, where the DuckDB
   * driver was never registered, and {@code DriverManager.getConnection} fails with "No suitable driver".
   *
   * @param url a {@code jdbc:duckdb:} URL (in-memory, or a database file)
   * @param properties DuckDB connection properties (e.g. {@code duckdb.read_only}); not modified
   * @throws SQLException if DuckDB cannot open the database
   */
  public static Connection connect(String url, Properties properties) throws SQLException {
    Connection c = new DuckDBDriver().connect(url, properties);
    if (c == null) {
      throw new SQLException("Not a DuckDB JDBC URL: " + url);
    }
    return c;
  }

  /**
   * A new in-memory connection; the caller closes it.
   *
   * @throws SQLException if DuckDB cannot be opened
   */
  public static Connection open() throws SQLException {
    Connection c = connect("jdbc:duckdb:", new Properties());
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
