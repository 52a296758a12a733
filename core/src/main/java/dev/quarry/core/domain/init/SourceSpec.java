package dev.quarry.core.domain.init;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A parsed {@code --source} value: {@code duckdb:PATH}, {@code sqlite:PATH}, {@code parquet:DIR} or
 * {@code csv:DIR} (one file, or one folder of files, per table). {@code postgresql://HOST:PORT/DB} is recognised
 * and refused as not supported yet.
 *
 * @param kind the kind of source
 * @param location the absolute, normalised path of the database file or folder
 */
public record SourceSpec(Kind kind, Path location) {

  /** The kinds of source. */
  public enum Kind {
    /** A DuckDB database file, opened read-only. */
    DUCKDB,
    /** A SQLite database file, opened read-only. */
    SQLITE,
    /** A folder with one Parquet file (or folder of Parquet files) per table. */
    PARQUET,
    /** A folder with one CSV file (or folder of CSV files) per table. */
    CSV;

    /** The prefix used in {@code --source} values, e.g. {@code duckdb}. */
    public String prefix() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Parses a {@code --source} value and checks that its file or folder exists.
   *
   * @throws DomainInitException {@link InitError#SOURCE_SYNTAX} for an unknown form,
   *     {@link InitError#SOURCE_UNSUPPORTED} for PostgreSQL, {@link InitError#SOURCE_MISSING} when the path does
   *     not exist or is a folder where a file is expected (and the reverse)
   */
  public static SourceSpec parse(String value) {
    if (value == null || value.isBlank()) {
      throw new DomainInitException(InitError.SOURCE_SYNTAX, "Empty --source; expected " + FORMS);
    }
    if (value.startsWith("postgresql://") || value.startsWith("postgres://")) {
      throw new DomainInitException(InitError.SOURCE_UNSUPPORTED,
          "PostgreSQL sources are not supported yet: '" + value + "'. Supported: " + FORMS);
    }
    int colon = value.indexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new DomainInitException(InitError.SOURCE_SYNTAX,
          "Cannot read --source '" + value + "': expected " + FORMS);
    }
    String prefix = value.substring(0, colon).toLowerCase(Locale.ROOT);
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k.prefix().equals(prefix)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new DomainInitException(InitError.SOURCE_SYNTAX,
          "Unknown source kind '" + prefix + "' in --source '" + value + "': expected " + FORMS);
    }
    Path path = Path.of(value.substring(colon + 1)).toAbsolutePath().normalize();
    boolean folder = kind == Kind.PARQUET || kind == Kind.CSV;
    if (!Files.exists(path)) {
      throw new DomainInitException(InitError.SOURCE_MISSING,
          (folder ? "Source folder" : "Source database file") + " not found: " + path);
    }
    if (folder && !Files.isDirectory(path)) {
      throw new DomainInitException(InitError.SOURCE_MISSING,
          "A " + kind.prefix() + " source is a folder with one file per table, but " + path + " is not a folder");
    }
    if (!folder && !Files.isRegularFile(path)) {
      throw new DomainInitException(InitError.SOURCE_MISSING,
          "A " + kind.prefix() + " source is a database file, but " + path + " is not a regular file");
    }
    return new SourceSpec(kind, path);
  }

  private static final String FORMS = "duckdb:PATH, sqlite:PATH, parquet:DIR or csv:DIR";

  /** The {@code --source} form recorded in domain files, e.g. {@code sqlite:/data/shop.db}. */
  @Override
  public String toString() {
    return kind.prefix() + ":" + location;
  }
}
