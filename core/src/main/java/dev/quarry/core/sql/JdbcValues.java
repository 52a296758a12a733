package dev.quarry.core.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;

/**
 * Turns JDBC result values into the plain Java values kept in {@link QueryOutcome#rows()}: integers of
 * any width as {@link Long} (HUGEINT beyond the long range as {@link Double}), FLOAT/DOUBLE/DECIMAL as
 * {@link Double}, DATE as {@link LocalDate}, VARCHAR as {@link String}, BOOLEAN as {@link Boolean},
 * NULL as null, timestamps as ISO text and anything else (lists, structs, UUIDs, intervals) as its text.
 */
final class JdbcValues {

  private JdbcValues() {}

  /** Converts one value from {@code ResultSet.getObject}. */
  static Object plain(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
        || v instanceof LocalDate) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
    }
    if (v instanceof Float || v instanceof BigDecimal) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (v instanceof Array a) {
      try {
        Object[] items = (Object[]) a.getArray();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.length; i++) {
          sb.append(i == 0 ? "" : ", ").append(plain(items[i]));
        }
        return sb.append(']').toString();
      } catch (SQLException | ClassCastException e) {
        return String.valueOf(a);
      }
    }
    return v.toString();
  }
}
