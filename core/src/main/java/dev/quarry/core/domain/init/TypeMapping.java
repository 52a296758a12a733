package dev.quarry.core.domain.init;

import dev.quarry.core.domain.SqlType;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps a source's native column type (DuckDB, SQLite or PostgreSQL spelling) to a domain {@link SqlType}.
 * Lists, structs, maps, blobs, intervals and times have no domain type: {@link #map} returns empty and the
 * column is skipped with a warning.
 */
public final class TypeMapping {

  private TypeMapping() {}

  /**
   * The domain type of a native type.
   *
   * @param nativeType e.g. {@code BIGINT}, {@code DECIMAL(10,2)}, {@code VARCHAR(40)}, {@code TIMESTAMP},
   *     {@code INTEGER[]}; null or blank (SQLite columns without a declared type) read as VARCHAR
   * @return the type and, when the mapping loses something (a timestamp read as a date), a note; empty when the
   *     type is not supported
   */
  public static Optional<Mapped> map(String nativeType) {
    if (nativeType == null || nativeType.isBlank()) {
      return Optional.of(new Mapped(SqlType.VARCHAR, "no declared type, read as VARCHAR"));
    }
    String t = nativeType.trim().toUpperCase(Locale.ROOT);
    if (t.endsWith("]") || t.startsWith("STRUCT") || t.startsWith("MAP") || t.startsWith("UNION")
        || t.contains("BLOB") || t.equals("BYTEA") || t.startsWith("BIT") && !t.equals("BIT")
        || t.startsWith("INTERVAL") || t.startsWith("TIME ") || t.equals("TIME") || t.startsWith("TIME WITH")
        || t.equals("JSON") || t.equals("JSONB") || t.startsWith("ARRAY") || t.equals("VARBINARY")) {
      return Optional.empty();
    }
    if (t.startsWith("BOOL") || t.equals("BIT")) {
      return Optional.of(new Mapped(SqlType.BOOLEAN, null));
    }
    if (t.startsWith("TIMESTAMP") || t.startsWith("DATETIME")) {
      return Optional.of(new Mapped(SqlType.DATE, "a " + t + " read as a DATE"));
    }
    if (t.equals("DATE")) {
      return Optional.of(new Mapped(SqlType.DATE, null));
    }
    if (t.contains("INT") || t.equals("SERIAL") || t.equals("BIGSERIAL")) { // SQLite affinity rule 1
      return Optional.of(new Mapped(SqlType.INTEGER, null));
    }
    if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") || t.equals("STRING") || t.equals("UUID")
        || t.startsWith("ENUM")) {
      return Optional.of(new Mapped(SqlType.VARCHAR, null));
    }
    if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") || t.startsWith("DECIMAL")
        || t.startsWith("NUMERIC")) {
      return Optional.of(new Mapped(SqlType.DOUBLE, null));
    }
    return Optional.empty();
  }

  /**
   * A mapped type.
   *
   * @param type the domain type
   * @param note what the mapping loses or assumes, or null
   */
  public record Mapped(SqlType type, String note) {}
}
