package dev.quarry.synth;

import dev.quarry.core.duckdb.LocalDuckDb;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.parquet.ParquetRowCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Computes a dataset's manifest counts from the files actually written (so the manifest describes the
 * bytes on disk, whatever the runner): kept pairs by split, family and hardness from the Parquet shards, and
 * dropped candidates/pairs by reason and step from the rejects file. Reads with a plain DuckDB connection:
 * these are Quarry's own files, not untrusted SQL.
 */
public final class DatasetCounts {

  private DatasetCounts() {}

  /** Counts for the dataset in {@code dir}; {@code counters} supplies the number of candidates generated. */
  public static ObjectNode of(Path dir, Map<String, Long> counters) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("candidates", counters.getOrDefault("candidates", 0L));
    c.put("questions_generated", counters.getOrDefault("questions", 0L));
    String parquet = dir.resolve("parquet").toString().replace("'", "''") + "/*/*.parquet";
    String rejects = dir.resolve(WriteRejects.PATH).toString().replace("'", "''");
    try (Connection conn = LocalDuckDb.open();
        Statement st = conn.createStatement()) {
      boolean hasShards = Files.isDirectory(dir.resolve("parquet"));
      c.put("kept_pairs", hasShards ? scalar(st, "SELECT count(*) FROM read_parquet('" + parquet + "')") : 0);
      c.put("distinct_sql", hasShards ? scalar(st, "SELECT count(DISTINCT sql) FROM read_parquet('" + parquet + "')") : 0);
      for (String col : new String[] {"split", "family", "hardness"}) {
        ObjectNode by = c.putObject("kept_by_" + col);
        if (hasShards) {
          group(st, "SELECT " + col + ", count(*) FROM read_parquet('" + parquet + "') GROUP BY 1 ORDER BY 1", by);
        }
      }
      ObjectNode byReason = c.putObject("dropped_by_reason");
      ObjectNode byStep = c.putObject("dropped_by_step");
      if (Files.isRegularFile(dir.resolve(WriteRejects.PATH))) {
        String src = "read_json('" + rejects + "', format='newline_delimited', columns={step: 'VARCHAR', reason: 'VARCHAR'})";
        group(st, "SELECT reason, count(*) FROM " + src + " GROUP BY 1 ORDER BY 1", byReason);
        group(st, "SELECT step, count(*) FROM " + src + " GROUP BY 1 ORDER BY 1", byStep);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count the dataset in " + dir + ": " + e.getMessage(), e);
    }
    return c;
  }

  /** Records per data file (JSONL lines; Parquet rows), keyed by path relative to {@code dir}. */
  public static Map<String, Long> rowsByFile(Path dir) {
    Map<String, Long> rows = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(f).toString().replace('\\', '/');
        if (rel.endsWith(".jsonl")) {
          try (Stream<String> lines = Files.lines(f)) {
            rows.put(rel, lines.count());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows.putAll(ParquetRowCounts.byFile(dir));
    return rows;
  }

  private static long scalar(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void group(Statement st, String sql, ObjectNode into) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        into.put(rs.getString(1), rs.getLong(2));
      }
    }
  }
}
