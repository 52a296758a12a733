package dev.quarry.core.domain.init;

import dev.quarry.core.duckdb.LocalDuckDb;
import dev.quarry.core.sql.SqlIdentifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A DuckDB database file opened read-only, or a folder of Parquet/CSV files read through an in-memory DuckDB
 * (one view per file, {@code read_parquet}/{@code read_csv_auto}; the table name is the file name without its
 * extension, or the name of a sub-folder holding the table's files).
 */
final class DuckDbCatalog extends JdbcCatalog {

  private final SourceSpec spec;
  private final boolean views;

  private DuckDbCatalog(SourceSpec spec, Connection connection, boolean views) {
    super(connection);
    this.spec = spec;
    this.views = views;
  }

  static DuckDbCatalog openFile(SourceSpec spec) {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    p.setProperty("autoinstall_known_extensions", "false");
    p.setProperty("autoload_known_extensions", "false");
    try {
      Connection c = LocalDuckDb.connect("jdbc:duckdb:" + spec.location(), p);
      return new DuckDbCatalog(spec, c, false);
    } catch (SQLException e) {
      throw new DomainInitException(InitError.SOURCE_UNREADABLE,
          "Cannot open " + spec.location() + " as a DuckDB database (read-only): " + firstLine(e), e);
    }
  }

  static DuckDbCatalog openFolder(SourceSpec spec) {
    String ext = spec.kind() == SourceSpec.Kind.PARQUET ? ".parquet" : ".csv";
    String reader = spec.kind() == SourceSpec.Kind.PARQUET ? "read_parquet" : "read_csv_auto";
    List<String[]> found = new ArrayList<>(); // {table, glob}
    try (Stream<Path> entries = Files.list(spec.path())) {
      for (Path e : entries.sorted().toList()) {
        String file = e.getFileName().toString();
        if (Files.isRegularFile(e) && file.toLowerCase(Locale.ROOT).endsWith(ext)) {
          found.add(new String[] {file.substring(0, file.length() - ext.length()), e.toString()});
        } else if (Files.isDirectory(e) && hasFiles(e, ext)) {
          found.add(new String[] {file, e + "/*" + ext});
        }
      }
    } catch (IOException e) {
      throw new DomainInitException(InitError.SOURCE_UNREADABLE, "Cannot list " + spec.location() + ": " + e, e);
    }
    if (found.isEmpty()) {
      throw new DomainInitException(InitError.SOURCE_EMPTY,
          "No " + ext + " files in " + spec.location() + " (expected one file, or one folder of files, per table)");
    }
    Identifiers.requireValid(found.stream().map(f -> f[0]).toList(), "table (file) name");
    try {
      Connection c = LocalDuckDb.open();
      try (Statement st = c.createStatement()) {
        for (String[] f : found) {
          String sql = "CREATE VIEW " + SqlIdentifiers.quoteIdent(f[0]) + " AS SELECT * FROM " + reader + "('"
              + f[1].replace("'", "''") + "')";
          try {
            st.execute(sql);
          } catch (SQLException e) {
            c.close();
            throw new DomainInitException(InitError.SOURCE_UNREADABLE,
                "Cannot read " + f[1] + " as " + spec.kind().prefix() + ": " + firstLine(e), e);
          }
        }
      }
      return new DuckDbCatalog(spec, c, true);
    } catch (SQLException e) {
      throw new DomainInitException(InitError.SOURCE_UNREADABLE, "Cannot open an in-memory DuckDB: " + e, e);
    }
  }

  private static boolean hasFiles(Path dir, String ext) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public List<SourceTable> tables() {
    try {
      List<String[]> names = new ArrayList<>();
      String sql = views
          ? "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'"
              + " AND database_name = current_database() ORDER BY view_name"
          : "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'main'"
              + " AND database_name = current_database() ORDER BY table_name";
      try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          names.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      List<SourceTable> out = new ArrayList<>();
      for (String[] n : names) {
        out.add(new SourceTable(n[0], blankToNull(n[1]), columns(n[0]), views ? List.of() : primaryKey(n[0]),
            views ? List.of() : foreignKeys(n[0])));
      }
      return out;
    } catch (SQLException e) {
      throw new DomainInitException(InitError.SOURCE_UNREADABLE,
          "Cannot read the tables of " + spec + ": " + firstLine(e), e);
    }
  }

  private List<SourceTable.SourceColumn> columns(String table) throws SQLException {
    List<SourceTable.SourceColumn> cols = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE schema_name = 'main'"
            + " AND database_name = current_database() AND table_name = ? ORDER BY column_index")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          cols.add(new SourceTable.SourceColumn(rs.getString(1), rs.getString(2), blankToNull(rs.getString(3))));
        }
      }
    }
    return cols;
  }

  private List<String> primaryKey(String table) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT array_to_string(constraint_column_names, ',') FROM duckdb_constraints() WHERE schema_name = 'main'"
            + " AND database_name = current_database() AND table_name = ? AND constraint_type = 'PRIMARY KEY'")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Arrays.asList(rs.getString(1).split(",")) : List.of();
      }
    }
  }

  private List<SourceTable.ForeignKey> foreignKeys(String table) throws SQLException {
    List<SourceTable.ForeignKey> fks = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT array_to_string(constraint_column_names, ','), referenced_table,"
            + " array_to_string(referenced_column_names, ',') FROM duckdb_constraints() WHERE schema_name = 'main'"
            + " AND database_name = current_database() AND table_name = ? AND constraint_type = 'FOREIGN KEY'"
            + " ORDER BY 1, 2, 3")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String cols = rs.getString(1);
          String refCols = rs.getString(3);
          if (!cols.contains(",") && refCols != null && !refCols.contains(",")) {
            fks.add(new SourceTable.ForeignKey(cols, rs.getString(2), refCols));
          }
        }
      }
    }
    return fks;
  }




  static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
