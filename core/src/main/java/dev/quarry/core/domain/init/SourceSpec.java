package dev.quarry.core.domain.init;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code --source} value: {@code duckdb:PATH}, {@code sqlite:PATH}, {@code parquet:DIR}, {@code csv:DIR}
 * (one file, or one folder of files, per table) or {@code postgresql://HOST[:PORT]/DB} (user and password from
 * {@code PGUSER}/{@code PGPASSWORD} or a {@code .pgpass} file, never in the value: see {@link PgCredentials}).
 *
 * @param kind the kind of source
 * @param location for files and folders the absolute, normalised path; for PostgreSQL {@code //HOST:PORT/DB}
 */
public record SourceSpec(Kind kind, String location) {

  /** The kinds of source. */
  public enum Kind {
    /** A DuckDB database file, opened read-only. */
    DUCKDB,
    /** A SQLite database file, opened read-only. */
    SQLITE,
    /** A folder with one Parquet file (or folder of Parquet files) per table. */
    PARQUET,
    /** A folder with one CSV file (or folder of CSV files) per table. */
    CSV,
    /** A PostgreSQL database over JDBC, in a read-only session; the tables of the user's current schema. */
    POSTGRESQL;

    /** The prefix used in {@code --source} values, e.g. {@code duckdb}. */
    public String prefix() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final String FORMS =
      "duckdb:PATH, sqlite:PATH, parquet:DIR, csv:DIR or postgresql://HOST[:PORT]/DB";
  private static final Pattern PG = Pattern.compile("postgres(?:ql)?://([^/:@?]+)(?::(\\d{1,5}))?/([^/?@]+)");

  /**
   * Parses a {@code --source} value and checks that its file or folder exists (a PostgreSQL server is only
   * reached when the source is opened).
   *
   * @throws DomainInitException {@link InitError#SOURCE_SYNTAX} for an unknown form or credentials in a
   *     PostgreSQL value, {@link InitError#SOURCE_MISSING} when the path does not exist or is a folder where a file
   *     is expected (and the reverse)
   */
  public static SourceSpec parse(String value) {
    if (value == null || value.isBlank()) {
      throw new DomainInitException(InitError.SOURCE_SYNTAX, "Empty --source; expected " + FORMS);
    }
    if (value.startsWith("postgresql:") || value.startsWith("postgres:")) {
      return postgres(value);
    }
    int colon = value.indexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new DomainInitException(InitError.SOURCE_SYNTAX,
          "Cannot read --source '" + value + "': expected " + FORMS);
    }
    String prefix = value.substring(0, colon).toLowerCase(Locale.ROOT);
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k != Kind.POSTGRESQL && k.prefix().equals(prefix)) {
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
    return new SourceSpec(kind, path.toString());
  }

  private static SourceSpec postgres(String value) {
    if (value.contains("@")) {
      throw new DomainInitException(InitError.SOURCE_SYNTAX, "Do not put a user or password in --source: set "
          + "PGUSER and PGPASSWORD, or use a .pgpass file, and pass postgresql://HOST[:PORT]/DB");
    }
    Matcher m = PG.matcher(value);
    if (!m.matches()) {
      throw new DomainInitException(InitError.SOURCE_SYNTAX,
          "Cannot read --source '" + value + "': expected postgresql://HOST[:PORT]/DB");
    }
    int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
    return new SourceSpec(Kind.POSTGRESQL, "//" + m.group(1) + ":" + port + "/" + m.group(3));
  }

  /** The database file or folder; throws {@link IllegalStateException} for a PostgreSQL source. */
  public Path path() {
    if (kind == Kind.POSTGRESQL) {
      throw new IllegalStateException("A PostgreSQL source has no path: " + this);
    }
    return Path.of(location);
  }

  /** A short name for people: the file or folder name, or the PostgreSQL database name. */
  public String displayName() {
    return kind == Kind.POSTGRESQL ? location.substring(location.lastIndexOf('/') + 1)
        : String.valueOf(path().getFileName());
  }

  /** The {@code --source} form recorded in domain files, e.g. {@code sqlite:/data/shop.db}. */
  @Override
  public String toString() {
    return kind.prefix() + ":" + location;
  }
}
