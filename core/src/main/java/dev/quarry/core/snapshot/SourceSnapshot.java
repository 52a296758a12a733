package dev.quarry.core.snapshot;

import dev.quarry.core.domain.Domain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of an imported domain read from its source, in memory, ready to be written as Parquet
 * ({@link SnapshotWriter}).
 *
 * @param source the source it was read from, as recorded in the domain file ({@code sqlite:/data/shop.db})
 * @param schemaHash the {@link SchemaHash} of the tables read
 * @param contentHash SHA-256 over the schema hash and every value of every row, in snapshot order: equal hashes
 *     mean equal Parquet files
 * @param tables one entry per domain table, in domain order
 */
public record SourceSnapshot(String source, String schemaHash, String contentHash, List<Table> tables) {

  /**
   * One table's rows.
   *
   * @param table the domain table (its columns give the row layout)
   * @param rows the rows in {@link RowOrder}, each an array of values in file order
   * @param sourceRows how many rows the source holds (more than {@code rows.size()} when sampled)
   */
  public record Table(Domain.Table table, List<Object[]> rows, long sourceRows) {}

  /** Rows in the snapshot per table, in domain order. */
  public Map<String, Long> rowCounts() {
    Map<String, Long> m = new LinkedHashMap<>();
    tables.forEach(t -> m.put(t.table().name(), (long) t.rows().size()));
    return m;
  }

  /** Rows in the source per table, in domain order. */
  public Map<String, Long> sourceRowCounts() {
    Map<String, Long> m = new LinkedHashMap<>();
    tables.forEach(t -> m.put(t.table().name(), t.sourceRows()));
    return m;
  }
}
