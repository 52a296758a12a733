package dev.quarry.core.domain.init;

import dev.quarry.core.domain.SqlType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a column's statistics ({@link ColumnProfile}) with plain SQL that DuckDB, SQLite and PostgreSQL all run:
 * {@code COUNT}, {@code COUNT(DISTINCT)}, {@code MIN}/{@code MAX}, {@code AVG(LENGTH())}, and the distinct values
 * up to a cap. Read-only.
 */
public final class ColumnProfiler {

  private final Connection connection;
  private final int cap;

  /**
   * @param connection an open connection to the source
   * @param cap the most distinct values to list (a vocabulary's size limit)
   */
  public ColumnProfiler(Connection connection, int cap) {
    this.connection = connection;
    this.cap = cap;
  }

  /**
   * Profiles {@code table.column}.
   *
   * @throws DomainInitException {@link InitError#SOURCE_UNREADABLE} when a query fails
   */
  public ColumnProfile profile(String table, String column, SqlType type) {
    String t = Sql.q(table);
    String c = Sql.q(column);
    try (Statement st = connection.createStatement()) {
      long rows;
      long nonNull;
      long distinct;
      Double min = null;
      Double max = null;
      double avgLen = 0;
      boolean numeric = type == SqlType.INTEGER || type == SqlType.DOUBLE;
      String extra = numeric ? ", MIN(" + c + "), MAX(" + c + ")"
          : type == SqlType.VARCHAR ? ", AVG(LENGTH(CAST(" + c + " AS VARCHAR)))" : "";
      try (ResultSet rs = st.executeQuery(
          "SELECT COUNT(*), COUNT(" + c + "), COUNT(DISTINCT " + c + ")" + extra + " FROM " + t)) {
        rs.next();
        rows = rs.getLong(1);
        nonNull = rs.getLong(2);
        distinct = rs.getLong(3);
        if (numeric) {
          min = number(rs.getObject(4));
          max = number(rs.getObject(5));
        } else if (type == SqlType.VARCHAR) {
          Double a = number(rs.getObject(4));
          avgLen = a == null ? 0 : a;
        }
      }
      List<Object> values = new ArrayList<>();
      boolean listed = type == SqlType.VARCHAR || type == SqlType.INTEGER || type == SqlType.BOOLEAN;
      if (listed && distinct <= cap && distinct > 0) {
        try (ResultSet rs = st.executeQuery(
            "SELECT DISTINCT " + c + " FROM " + t + " WHERE " + c + " IS NOT NULL")) {
          while (rs.next()) {
            values.add(normalise(rs.getObject(1), type));
          }
        }
        values.sort(VALUE_ORDER);
      }
      return new ColumnProfile(rows, nonNull, distinct, List.copyOf(values), min, max, avgLen);
    } catch (SQLException e) {
      throw new DomainInitException(InitError.SOURCE_UNREADABLE,
          "Cannot read " + table + "." + column + ": " + DuckDbCatalog.firstLine(e), e);
    }
  }

  /** Sorts values of one column: numbers numerically, booleans false first, strings by code point. */
  static final Comparator<Object> VALUE_ORDER = (a, b) -> {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  };

  /** A value as the domain file holds it: Long for INTEGER, Boolean for BOOLEAN, String otherwise. */
  static Object normalise(Object v, SqlType type) {
    return switch (type) {
      case INTEGER -> v instanceof Number n ? (Object) n.longValue() : integerOrText(v);
      case BOOLEAN -> v instanceof Boolean b ? b
          : v instanceof Number n ? (Object) (n.longValue() != 0) : Boolean.parseBoolean(String.valueOf(v));
      default -> String.valueOf(v);
    };
  }

  private static Object integerOrText(Object v) {
    try {
      return Long.parseLong(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      return String.valueOf(v); // SQLite keeps text in an INTEGER column as text
    }
  }

  private static Double number(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(o.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
