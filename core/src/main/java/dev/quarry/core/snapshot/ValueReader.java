package dev.quarry.core.snapshot;

import dev.quarry.core.domain.SqlType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads one JDBC value as the Java value of its domain type, the same whatever the engine: VARCHAR → String,
 * INTEGER → Integer, DOUBLE → Double, BOOLEAN → Boolean, DATE → LocalDate (a timestamp keeps its date), SQL NULL →
 * null. Handles SQLite's dynamic typing (dates stored as text or epoch milliseconds, booleans as 0/1).
 */
final class ValueReader {

  private ValueReader() {}

  /**
   * The value of column {@code index} (1-based) of the current row.
   *
   * @param where {@code table.column}, for messages
   * @throws SnapshotException {@link SnapshotError#VALUE_UNREADABLE} when the value does not fit the type
   * @throws SQLException when the driver fails
   */
  static Object read(ResultSet rs, int index, SqlType type, String where) throws SQLException {
    Object v = rs.getObject(index);
    if (v == null) {
      return null;
    }
    try {
      return switch (type) {
        case VARCHAR -> v.toString();
        case INTEGER -> integer(v, where);
        case DOUBLE -> v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
        case BOOLEAN -> bool(v, where);
        case DATE -> date(v);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw unreadable(where, type, v);
    }
  }

  private static Integer integer(Object v, String where) {
    long l;
    if (v instanceof BigDecimal d) {
      l = d.longValueExact();
    } else if (v instanceof Number n) {
      if ((v instanceof Double || v instanceof Float) && n.doubleValue() != Math.rint(n.doubleValue())) {
        throw unreadable(where, SqlType.INTEGER, v);
      }
      l = n.longValue();
    } else {
      l = Long.parseLong(v.toString().trim());
    }
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new SnapshotException(SnapshotError.VALUE_UNREADABLE, "Value " + v + " of " + where
          + " does not fit a 32-bit INTEGER; Quarry's INTEGER columns are 32-bit (change the column's type to"
          + " DOUBLE or VARCHAR in the domain file, or leave the column out)");
    }
    return (int) l;
  }

  private static Boolean bool(Object v, String where) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "t", "1", "yes", "y" -> true;
      case "false", "f", "0", "no", "n" -> false;
      default -> throw unreadable(where, SqlType.BOOLEAN, v);
    };
  }

  private static LocalDate date(Object v) {
    if (v instanceof LocalDate d) {
      return d;
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toLocalDate();
    }
    if (v instanceof LocalDateTime t) {
      return t.toLocalDate();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toLocalDate();
    }
    if (v instanceof java.util.Date d) {
      return Instant.ofEpochMilli(d.getTime()).atOffset(ZoneOffset.UTC).toLocalDate();
    }
    if (v instanceof Number n) { // SQLite's default storage of dates: epoch milliseconds
      return Instant.ofEpochMilli(n.longValue()).atOffset(ZoneOffset.UTC).toLocalDate();
    }
    String s = v.toString().trim();
    return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
  }

  private static SnapshotException unreadable(String where, SqlType type, Object v) {
    return new SnapshotException(SnapshotError.VALUE_UNREADABLE, "Value '" + v + "' of " + where
        + " cannot be read as " + type + " (the domain file's type for it); fix the column's type in the domain file");
  }
}
