package dev.quarry.core.duckdb;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.sql.SqlIdentifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Writes a domain's seed data (the Parquet layout of the seed stage, {@code <seedDir>/<table>/*.parquet}) into a new
 * DuckDB database file: one table per domain table, the domain's columns in the domain's order, with the Parquet
 * files' column types and rows in file order. Works for any domain, built-in or imported. Nothing but the data is
 * written: no descriptions, phrases, roles or other annotations of the domain file, and no constraints.
 *
 * <p>The database is built under a hidden temporary name in the target's folder and moved into place in one atomic
 * move once DuckDB has checkpointed and closed it, so the target is either absent, the old file, or complete. An
 * existing target is kept unless {@code force}.
 */
public final class SeedExport {

  private SeedExport() {}

  /**
   * Refuses an existing target unless {@code force}: call before any work.
   *
   * @throws IllegalArgumentException when {@code target} is a folder, or exists and {@code force} is off
   */
  public static void checkWritable(Path target, boolean force) {
    if (Files.isDirectory(target)) {
      throw new IllegalArgumentException(target + " is a folder; name the DuckDB file to write");
    }
    if (Files.exists(target) && !force) {
      throw new IllegalArgumentException(target + " already exists; pass --force to replace it");
    }
  }

  /**
   * Exports the seed data in {@code seedDir} of {@code domain} to the DuckDB file {@code target}.
   *
   * @param domain the domain whose tables and columns are exported
   * @param seedDir the seed stage's output folder ({@code <table>/*.parquet})
   * @param target the DuckDB file to write (its folder is created)
   * @param force replace an existing file
   * @return rows per table, in the domain's table order
   * @throws IllegalArgumentException when the target exists without {@code force}, or the seed lacks a table or
   *     column of the domain, or DuckDB cannot read or write the data (the message names the table)
   * @throws UncheckedIOException when the file cannot be moved into place (the temporary file is removed)
   */
  public static Map<String, Long> export(Domain domain, Path seedDir, Path target, boolean force) {
    checkWritable(target, force);
    for (Domain.Table t : domain.tables()) {
      if (!Files.isDirectory(seedDir.resolve(t.name()))) {
        throw new IllegalArgumentException("Seed data has no folder for table '" + t.name() + "' in " + seedDir);
      }
    }
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = dir.resolve("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    Path tmpWal = dir.resolve(tmp.getFileName() + ".wal");
    Map<String, Long> rows = new LinkedHashMap<>();
    try {
      Files.createDirectories(dir);
      try (Connection c = LocalDuckDb.connect("jdbc:duckdb:" + tmp, new Properties());
          Statement st = c.createStatement()) {
        st.execute("SET autoinstall_known_extensions=false");
        st.execute("SET autoload_known_extensions=false");
        st.execute("SET preserve_insertion_order=true");
        for (Domain.Table t : domain.tables()) {
          String table = SqlIdentifiers.quoteIdent(t.name());
          String cols = t.columnNames().stream().map(SqlIdentifiers::quoteIdent).collect(Collectors.joining(", "));
          String glob = seedDir.resolve(t.name()).toAbsolutePath() + "/*.parquet";
          try {
            st.execute("CREATE TABLE " + table + " AS SELECT " + cols + " FROM read_parquet("
                + quote(glob) + ", union_by_name = false)");
          } catch (SQLException e) {
            throw new IllegalArgumentException("Cannot export table '" + t.name() + "' from " + glob + ": "
                + e.getMessage(), e);
          }
          try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            rows.put(t.name(), rs.getLong(1));
          }
        }
        st.execute("CHECKPOINT");
      }
      Files.deleteIfExists(tmpWal); // empty after the checkpoint and close
      dev.quarry.core.workspace.AtomicMove.into(tmp, abs, force);
      Files.deleteIfExists(dir.resolve(abs.getFileName() + ".wal")); // a stale log of a replaced file
      return rows;
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException(target + " appeared while exporting; pass --force to replace it", e);
    } catch (SQLException e) {
      throw new IllegalArgumentException("Cannot write the DuckDB file " + target + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
        Files.deleteIfExists(tmpWal);
      } catch (IOException ignored) {
        // best effort: a leftover hidden temporary file holds nothing the user relies on
      }
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
