package dev.quarry.core.domain.init;

import java.sql.Connection;
import java.util.List;

/**
 * An open, read-only source: its declared tables and a JDBC connection on which plain SQL ({@code COUNT},
 * {@code DISTINCT}, {@code IN (SELECT …)}, double-quoted identifiers) reads the data. One implementation per
 * engine; a PostgreSQL source is one more implementation reading {@code information_schema}.
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
    return switch (spec.kind()) {
      case DUCKDB -> DuckDbCatalog.openFile(spec);
      case PARQUET, CSV -> DuckDbCatalog.openFolder(spec);
      case SQLITE -> SqliteCatalog.open(spec);
    };
  }
}
