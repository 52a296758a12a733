package dev.quarry.core.parquet;

import dev.quarry.core.domain.Domain;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * Orders Beam rows of one table by the table's {@code sortKey} columns (ascending), then by every other
 * column in file order, so the order is total and does not depend on the order rows arrived in.
 *
 * <p>Column values must be {@link Comparable} (String, Integer, Double, Boolean, LocalDate) and
 * non-null.
 */
public final class SortKeyComparator implements Comparator<Row>, Serializable {

  private static final long serialVersionUID = 1L;

  private final int[] fieldOrder;

  /** Creates the comparator for rows whose schema is {@link ParquetSchemas#beamSchema(Domain.Table)}. */
  public SortKeyComparator(Domain.Table table) {
    List<String> names = table.columnNames();
    List<Integer> order = new ArrayList<>();
    for (String k : table.sortKey()) {
      order.add(names.indexOf(k));
    }
    for (int i = 0; i < names.size(); i++) {
      if (!order.contains(i)) {
        order.add(i);
      }
    }
    this.fieldOrder = order.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public int compare(Row a, Row b) {
    for (int i : fieldOrder) {
      Comparable x = (Comparable) a.getValue(i);
      Comparable y = (Comparable) b.getValue(i);
      int c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
