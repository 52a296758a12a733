package dev.quarry.core.snapshot;

import dev.quarry.core.domain.Domain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The total order of a snapshot table's rows: by the table's primary key, else its {@code sortKey}, then by every
 * other column in file order. Nulls sort first; strings by UTF-16 code units, so the order never depends on a
 * database's collation. Rows are arrays of column values in file order (String, Integer, Double, Boolean,
 * LocalDate or null).
 */
public final class RowOrder implements Comparator<Object[]> {

  private final int[] fieldOrder;

  /** The order of rows of {@code table}. */
  public RowOrder(Domain.Table table) {
    List<String> names = table.columnNames();
    List<String> key = table.primaryKey() != null && !table.primaryKey().isEmpty() ? table.primaryKey()
        : table.sortKey() == null ? List.of() : table.sortKey();
    List<Integer> order = new ArrayList<>();
    for (String k : key) {
      int i = names.indexOf(k);
      if (i >= 0 && !order.contains(i)) {
        order.add(i);
      }
    }
    for (int i = 0; i < names.size(); i++) {
      if (!order.contains(i)) {
        order.add(i);
      }
    }
    this.fieldOrder = order.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Column indexes of the key the rows are ordered by first (primary key, else sort key, else all columns). */
  int[] fieldOrder() {
    return fieldOrder.clone();
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public int compare(Object[] a, Object[] b) {
    for (int i : fieldOrder) {
      Object x = a[i];
      Object y = b[i];
      if (x == null || y == null) {
        if (x != y) {
          return x == null ? -1 : 1;
        }
        continue;
      }
      int c = ((Comparable) x).compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
