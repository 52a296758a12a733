package dev.quarry.core.domain.init;

import java.util.List;

/**
 * What the data says about one column.
 *
 * @param rows rows in the table
 * @param nonNull rows where the column is not null
 * @param distinct distinct non-null values
 * @param values the distinct non-null values, sorted, when there are at most {@code cap} of them (Strings for
 *     VARCHAR, Longs for INTEGER, Booleans for BOOLEAN); empty otherwise and for DOUBLE and DATE columns
 * @param min the smallest value of a numeric column, or null
 * @param max the largest value of a numeric column, or null
 * @param averageLength the average length in characters of a VARCHAR column's values, or 0
 */
public record ColumnProfile(
    long rows, long nonNull, long distinct, List<Object> values, Double min, Double max, double averageLength) {

  /** Whether every row has a value and no two rows share one. */
  public boolean unique() {
    return rows > 0 && nonNull == rows && distinct == rows;
  }
}
