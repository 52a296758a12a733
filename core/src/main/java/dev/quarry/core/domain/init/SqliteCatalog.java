package dev.quarry.core.domain.init;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/** A SQLite database file opened with the driver's read-only flag; schema from {@code PRAGMA table_info}/{@code foreign_key_list}. */
final class SqliteCatalog extends JdbcCatalog {

  private final SourceSpec spec;

  private SqliteCatalog(SourceSpec spec, Connection connection) {
    super(connection);
    this.spec = spec;
  }

  static SqliteCatalog open(SourceSpec spec) {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.READONLY);
    try {
      Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + spec.location(), config.toProperties());
      return new SqliteCatalog(spec, c);
    } catch (SQLException e) {
      throw new DomainInitException(InitError.SOURCE_UNREADABLE,
          "Cannot open " + spec.location() + " as a SQLite database (read-only): " + DuckDbCatalog.firstLine(e), e);
    }
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public List<SourceTable> tables() {
    try {
      List<String> names = new ArrayList<>();
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
              + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      List<SourceTable> out = new ArrayList<>();
      Map<String, List<String>> pks = new TreeMap<>();
      Map<String, List<SourceTable.SourceColumn>> cols = new TreeMap<>();
      for (String n : names) {
        List<SourceTable.SourceColumn> c = new ArrayList<>();
        Map<Integer, String> pk = new TreeMap<>();
        try (Statement st = connection.createStatement();
            ResultSet rs = st.executeQuery("PRAGMA table_info(" + Sql.q(n) + ")")) {
          while (rs.next()) {
            c.add(new SourceTable.SourceColumn(rs.getString("name"), rs.getString("type"), null));
            int p = rs.getInt("pk");
            if (p > 0) {
              pk.put(p, rs.getString("name"));
            }
          }
        }
        cols.put(n, c);
        pks.put(n, List.copyOf(pk.values()));
      }
      for (String n : names) {
        out.add(new SourceTable(n, null, cols.get(n), pks.get(n), foreignKeys(n, pks)));
      }
      return out;
    } catch (SQLException e) {
      throw new DomainInitException(InitError.SOURCE_UNREADABLE,
          "Cannot read the tables of " + spec + ": " + DuckDbCatalog.firstLine(e), e);
    }
  }

  private List<SourceTable.ForeignKey> foreignKeys(String table, Map<String, List<String>> pks) throws SQLException {
    Map<Integer, List<String[]>> byId = new TreeMap<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA foreign_key_list(" + Sql.q(table) + ")")) {
      while (rs.next()) {
        byId.computeIfAbsent(rs.getInt("id"), k -> new ArrayList<>())
            .add(new String[] {rs.getString("from"), rs.getString("table"), rs.getString("to")});
      }
    }
    List<SourceTable.ForeignKey> out = new ArrayList<>();
    for (List<String[]> parts : byId.values()) {
      if (parts.size() != 1) {
        continue; // multi-column foreign keys do not fit a one-column join
      }
      String[] p = parts.get(0);
      String to = p[2];
      if (to == null) {
        List<String> refPk = pks.getOrDefault(p[1], List.of());
        if (refPk.size() != 1) {
          continue;
        }
        to = refPk.get(0);
      }
      out.add(new SourceTable.ForeignKey(p[0], p[1], to));
    }
    sortForeignKeys(out);
    return out;
  }


}
