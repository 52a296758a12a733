package dev.quarry.core.domain.init;

import java.sql.Connection;
import java.util.List;

/**
 * An open, read-only source: its declared tables and a JDBC connection on which plain SQL ({@code COUNT},
 * {@code DISTINCT}, {@code IN (SELECT …)}, double-quoted identifiers) reads the data. One implementation per
 * engine: DuckDB (files and folders), SQLite, PostgreSQL.
 */
public interface SourceCatalog extends AutoCloseable {

  /** The source this catalog reads. */
  SourceSpec spec();

  /** The tables, sorted by name; throws {@link DomainInitException} when the source cannot be read. */
  List<SourceTable> tables();

  /** The connection for data queries; owned by the catalog. */
  Connection connection();

  /** Closes the connection. */
  @Override
  void close();

  /**
   * Opens the source named by {@code spec} read-only.
   *
   * @throws DomainInitException {@link InitError#SOURCE_UNREADABLE} when it cannot be opened
   */
  static SourceCatalog open(SourceSpec spec) {
    return open(spec, spec.kind() == SourceSpec.Kind.POSTGRESQL ? PgCredentials.fromEnvironment(spec) : null);
  }

  /**
   * Opens the source read-only with the given PostgreSQL credentials (ignored by the other kinds).
   *
   * @throws DomainInitException {@link InitError#SOURCE_UNREADABLE} when it cannot be opened;
   *     {@link InitError#SOURCE_UNREACHABLE}, {@link InitError#SOURCE_AUTH} or {@link InitError#SOURCE_MISSING}
   *     for a PostgreSQL server that is down, refuses the user, or lacks the database
   */
  static SourceCatalog open(SourceSpec spec, PgCredentials credentials) {
    return switch (spec.kind()) {
      case DUCKDB -> DuckDbCatalog.openFile(spec);
      case PARQUET, CSV -> DuckDbCatalog.openFolder(spec);
      case SQLITE -> SqliteCatalog.open(spec);
      case POSTGRESQL -> PostgresCatalog.open(spec, credentials);
    };
  }
}
