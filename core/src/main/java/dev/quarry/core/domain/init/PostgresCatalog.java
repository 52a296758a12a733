package dev.quarry.core.domain.init;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A PostgreSQL database over JDBC in a read-only session ({@code readOnlyMode=always} and
 * {@code default_transaction_read_only}): the base tables of the current schema, their columns and comments from
 * {@code information_schema} and {@code pg_description}, keys from the driver's metadata.
 */
final class PostgresCatalog extends JdbcCatalog {

  private final SourceSpec spec;
  private final String schema;

  private PostgresCatalog(SourceSpec spec, Connection connection, String schema) {
    super(connection);
    this.spec = spec;
    this.schema = schema;
  }

  static PostgresCatalog open(SourceSpec spec, PgCredentials credentials) {
    Properties p = new Properties();
    p.setProperty("user", credentials.user());
    if (credentials.password() != null) {
      p.setProperty("password", credentials.password());
    }
    p.setProperty("readOnly", "true");
    p.setProperty("readOnlyMode", "always");
    p.setProperty("connectTimeout", "10");
    p.setProperty("ApplicationName", "quarry domain");
    Connection c;
    try {
      c = new org.postgresql.Driver().connect("jdbc:postgresql:" + spec.location(), p);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      String msg = DuckDbCatalog.firstLine(e);
      if (state.startsWith("28")) {
        throw new DomainInitException(InitError.SOURCE_AUTH, "PostgreSQL at " + spec + " refused user '"
            + credentials.user() + "' (" + msg + "); set PGUSER/PGPASSWORD or a .pgpass line", e);
      }
      if (state.equals("3D000")) {
        throw new DomainInitException(InitError.SOURCE_MISSING, "No such PostgreSQL database: " + spec + " (" + msg
            + ")", e);
      }
      if (state.startsWith("08")) {
        throw new DomainInitException(InitError.SOURCE_UNREACHABLE, "Cannot reach PostgreSQL at " + spec + ": " + msg,
            e);
      }
      throw new DomainInitException(InitError.SOURCE_UNREADABLE, "Cannot open " + spec + ": " + msg, e);
    }
    try (Statement st = c.createStatement()) {
      st.execute("SET default_transaction_read_only = on");
      c.setReadOnly(true);
      try (ResultSet rs = st.executeQuery("SELECT current_schema()")) {
        rs.next();
        return new PostgresCatalog(spec, c, rs.getString(1));
      }
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing
      }
      throw new DomainInitException(InitError.SOURCE_UNREADABLE, "Cannot start a read-only session on " + spec + ": "
          + DuckDbCatalog.firstLine(e), e);
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
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT t.table_name, obj_description(format('%I.%I', t.table_schema, t.table_name)::regclass, 'pg_class')"
              + " FROM information_schema.tables t WHERE t.table_schema = ? AND t.table_type = 'BASE TABLE'")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            names.add(new String[] {rs.getString(1), rs.getString(2)});
          }
        }
      }
      names.sort((a, b) -> a[0].compareTo(b[0]));
      List<SourceTable> out = new ArrayList<>();
      for (String[] n : names) {
        out.add(new SourceTable(n[0], blankToNull(n[1]), columns(n[0]), primaryKey(n[0]), foreignKeys(n[0])));
      }
      return out;
    } catch (SQLException e) {
      throw new DomainInitException(InitError.SOURCE_UNREADABLE,
          "Cannot read the tables of " + spec + ": " + DuckDbCatalog.firstLine(e), e);
    }
  }

  private List<SourceTable.SourceColumn> columns(String table) throws SQLException {
    List<SourceTable.SourceColumn> cols = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT c.column_name, c.data_type, col_description(format('%I.%I', c.table_schema, c.table_name)::regclass,"
            + " c.ordinal_position) FROM information_schema.columns c WHERE c.table_schema = ? AND c.table_name = ?"
            + " ORDER BY c.ordinal_position")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          cols.add(new SourceTable.SourceColumn(rs.getString(1), rs.getString(2), blankToNull(rs.getString(3))));
        }
      }
    }
    return cols;
  }

  private List<String> primaryKey(String table) throws SQLException {
    Map<Integer, String> pk = new TreeMap<>();
    try (ResultSet rs = connection.getMetaData().getPrimaryKeys(null, schema, table)) {
      while (rs.next()) {
        pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    return List.copyOf(pk.values());
  }

  private List<SourceTable.ForeignKey> foreignKeys(String table) throws SQLException {
    Map<String, List<String[]>> byName = new TreeMap<>();
    DatabaseMetaData md = connection.getMetaData();
    try (ResultSet rs = md.getImportedKeys(null, schema, table)) {
      while (rs.next()) {
        byName.computeIfAbsent(rs.getString("FK_NAME"), k -> new ArrayList<>()).add(new String[] {
            rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME")});
      }
    }
    List<SourceTable.ForeignKey> out = new ArrayList<>();
    for (List<String[]> parts : byName.values()) {
      if (parts.size() == 1) { // multi-column foreign keys do not fit a one-column join
        out.add(new SourceTable.ForeignKey(parts.get(0)[0], parts.get(0)[1], parts.get(0)[2]));
      }
    }
    sortForeignKeys(out);
    return out;
  }



}
