package dev.quarry.core.snapshot;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.SqlType;
import dev.quarry.core.workspace.Sha256;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The schema hash of an imported domain's data: SHA-256 (64 hex characters) over its tables sorted by name, each
 * with its columns in file order and their domain {@link SqlType}s. Row values do not enter it. The domain file's
 * hash is computed from the tables it records; a source's from the same tables and columns as the source declares
 * them (types mapped as {@code quarry domain init} maps them), so the two are equal exactly when the source still
 * has every table and column of the domain file with the same type.
 */
public final class SchemaHash {

  private SchemaHash() {}

  /** The schema hash of the tables, columns and types a domain file records. */
  public static String ofDomain(Domain domain) {
    List<TableTypes> tables = new ArrayList<>();
    for (Domain.Table t : domain.tables()) {
      List<ColumnType> cols = new ArrayList<>();
      t.columns().forEach(c -> cols.add(new ColumnType(c.name(), c.type().name())));
      tables.add(new TableTypes(t.name(), cols));
    }
    return of(tables);
  }

  /** The schema hash of tables given with their columns (in file order) and types; table order does not matter. */
  public static String of(List<TableTypes> tables) {
    List<TableTypes> sorted = new ArrayList<>(tables);
    sorted.sort(Comparator.comparing(TableTypes::table));
    StringBuilder b = new StringBuilder("quarry-schema-v1\n");
    for (TableTypes t : sorted) {
      b.append(t.table()).append('(');
      for (int i = 0; i < t.columns().size(); i++) {
        ColumnType c = t.columns().get(i);
        b.append(i == 0 ? "" : ",").append(c.name()).append(' ').append(c.type());
      }
      b.append(")\n");
    }
    return Sha256.ofString(b.toString());
  }

  /**
   * One table's columns and types.
   *
   * @param table the table name
   * @param columns the columns in file order
   */
  public record TableTypes(String table, List<ColumnType> columns) {}

  /**
   * One column.
   *
   * @param name the column name
   * @param type the {@link SqlType} name, or for a source column without a domain type its native type in
   *     brackets, e.g. {@code [INTEGER[]]}, or {@code [missing]} for a column the source lacks
   */
  public record ColumnType(String name, String type) {}
}
