package dev.quarry.core.parquet;

import dev.quarry.core.duckdb.LocalDuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** Counts the rows of every Parquet file under a directory (for manifests), reading footers via DuckDB. */
public final class ParquetRowCounts {

  private ParquetRowCounts() {}

  /**
   * Rows per {@code *.parquet} file found up to two levels below {@code dir} ({@code dir/x/y.parquet} or
   * {@code dir/x.parquet}), keyed by path relative to {@code dir} with {@code /} separators.
   *
   * @throws IllegalStateException if a file cannot be read as Parquet
   */
  public static Map<String, Long> byFile(Path dir) {
    Map<String, Long> rows = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return rows;
    }
    String glob = dir.toAbsolutePath().toString().replace("'", "''") + "/**/*.parquet";
    try (Connection conn = LocalDuckDb.open();
        Statement st = conn.createStatement()) {
      try (ResultSet rs = st.executeQuery(
          "SELECT file_name, sum(num_rows) FROM (SELECT DISTINCT file_name, row_group_id, row_group_num_rows AS num_rows"
              + " FROM parquet_metadata('" + glob + "')) GROUP BY 1")) {
        while (rs.next()) {
          rows.put(dir.toAbsolutePath().relativize(Path.of(rs.getString(1))).toString().replace('\\', '/'), rs.getLong(2));
        }
      }
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains("No files found")) {
        return rows;
      }
      throw new IllegalStateException("Cannot count Parquet rows under " + dir + ": " + e.getMessage(), e);
    }
    return rows;
  }
}
