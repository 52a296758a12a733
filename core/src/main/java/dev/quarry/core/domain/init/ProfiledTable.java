package dev.quarry.core.domain.init;

import dev.quarry.core.domain.SqlType;
import java.util.List;
import java.util.Optional;

/**
 * A source table with its supported columns profiled: the input of role and join inference.
 *
 * @param name the table name
 * @param comment the table comment, or null
 * @param rows its row count
 * @param columns the columns with a domain type, in source order
 * @param primaryKey the primary key: declared, else inferred (see {@code primaryKeyDeclared}); empty when none
 * @param primaryKeyDeclared whether the source declared the primary key
 * @param foreignKeys the declared single-column foreign keys
 */
public record ProfiledTable(String name, String comment, long rows, List<Column> columns, List<String> primaryKey,
    boolean primaryKeyDeclared, List<SourceTable.ForeignKey> foreignKeys) {

  /** The column named {@code name}, if kept. */
  public Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * A profiled column.
   *
   * @param name the column name
   * @param type the domain type
   * @param typeNote what the type mapping assumed, or null
   * @param comment the column comment, or null
   * @param profile its statistics
   */
  public record Column(String name, SqlType type, String typeNote, String comment, ColumnProfile profile) {}
}
