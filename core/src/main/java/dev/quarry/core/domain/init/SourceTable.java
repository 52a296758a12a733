package dev.quarry.core.domain.init;

import java.util.List;

/**
 * A table as a source declares it, before any inference.
 *
 * @param name the table name
 * @param comment the table comment (DuckDB {@code COMMENT ON}), or null
 * @param columns the columns in source order
 * @param primaryKey the declared primary key columns (empty when none is declared)
 * @param foreignKeys the declared single-column foreign keys
 */
public record SourceTable(
    String name, String comment, List<SourceColumn> columns, List<String> primaryKey, List<ForeignKey> foreignKeys) {

  /**
   * One column.
   *
   * @param name the column name
   * @param nativeType the type as the source names it ({@code BIGINT}, {@code VARCHAR(20)}, {@code INTEGER[]}…)
   * @param comment the column comment, or null
   */
  public record SourceColumn(String name, String nativeType, String comment) {}

  /**
   * A declared foreign key {@code column → referencedTable.referencedColumn}.
   *
   * @param column the referring column of this table
   * @param referencedTable the referenced table
   * @param referencedColumn the referenced column
   */
  public record ForeignKey(String column, String referencedTable, String referencedColumn) {}
}
