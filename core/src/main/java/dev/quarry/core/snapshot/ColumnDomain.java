package dev.quarry.core.snapshot;

import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.SqlType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values {@link SnapshotFuzzer} may put into one column of a test-suite database: the column's observed values in
 * the snapshot plus a few boundary values, and how often a NULL appears. Zhong et al. 2020 ("Semantic Evaluation for
 * Text-to-SQL with Distilled Test Suites", section 3) fuzz a database by drawing each column's values from the values
 * it holds plus boundary values, so that queries that differ only on an edge case ({@code >} against {@code >=}, a
 * missing filter) give different results.
 *
 * <p>Boundary values, by column:
 * <ul>
 *   <li>BOOLEAN: {@code false} and {@code true}, whether or not both occur;
 *   <li>a closed set (a column with a vocabulary, or role dimension, year or flag) of any other type: its observed
 *       minimum and maximum only: nothing outside the set, so a question's vocabulary words keep meaning something;
 *   <li>INTEGER and DOUBLE (measures, identifiers): minimum, maximum, minimum − 1, maximum + 1 (within the 32-bit range
 *       for INTEGER), and 0 when every observed value is above 0;
 *   <li>DATE: minimum, maximum, the day before the minimum, the day after the maximum;
 *   <li>VARCHAR free text and identifiers: minimum and maximum by UTF-16 code unit. No empty string or invented text:
 *       text filters compare with values taken from the data, and an invented value would never be asked for.
 * </ul>
 *
 * @param column the domain column
 * @param values the observed non-null values, one per snapshot row that has one (so drawing one uniformly follows the
 *     snapshot's distribution); Java types as in {@link SourceSnapshot} rows
 * @param distinct the observed non-null values, distinct, in ascending order
 * @param boundaries the boundary values described above, distinct, in the order listed
 * @param nullProbability the probability of a NULL in a drawn value: 0 when the snapshot holds no NULL in the column,
 *     else the observed share of NULLs clamped to [{@value #MIN_NULL_PROBABILITY}, {@value #MAX_NULL_PROBABILITY}]
 */
public record ColumnDomain(Domain.Column column, List<Object> values, List<Object> distinct, List<Object> boundaries,
    double nullProbability) {

  /** The least probability of a NULL in a column that holds NULLs. */
  public static final double MIN_NULL_PROBABILITY = 0.05;
  /** The greatest probability of a NULL. */
  public static final double MAX_NULL_PROBABILITY = 0.5;
  /** The probability that a drawn non-null value is one of the boundary values rather than an observed one. */
  public static final double BOUNDARY_PROBABILITY = 0.1;

  /** Copies the lists. */
  public ColumnDomain {
    values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
    distinct = java.util.Collections.unmodifiableList(new ArrayList<>(distinct));
    boundaries = java.util.Collections.unmodifiableList(new ArrayList<>(boundaries));
  }

  /**
   * The domain of column {@code index} of {@code table}'s snapshot rows.
   *
   * @param table a snapshot table
   * @param index the column's index in the rows (file order)
   * @return the column's domain; with no non-null value, {@code values}, {@code distinct} and {@code boundaries} are
   *     empty (only BOOLEAN keeps its two boundaries)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static ColumnDomain of(SourceSnapshot.Table table, int index) {
    Domain.Column c = table.table().columns().get(index);
    List<Object> values = new ArrayList<>();
    TreeSet<Comparable> sorted = new TreeSet<>();
    long nulls = 0;
    for (Object[] row : table.rows()) {
      Object v = row[index];
      if (v == null) {
        nulls++;
      } else {
        values.add(v);
        sorted.add((Comparable) v);
      }
    }
    double p = 0;
    if (nulls > 0) {
      p = Math.min(MAX_NULL_PROBABILITY, Math.max(MIN_NULL_PROBABILITY, (double) nulls / table.rows().size()));
    }
    List<Object> distinct = new ArrayList<>(sorted);
    return new ColumnDomain(c, values, distinct, boundaries(c, distinct), p);
  }

  /** Whether {@code c} holds a closed set of values (a vocabulary, or role dimension, year or flag). */
  static boolean closed(Domain.Column c) {
    return c.vocabulary() != null || c.role() == ColumnRole.DIMENSION || c.role() == ColumnRole.YEAR
        || c.role() == ColumnRole.FLAG;
  }

  private static List<Object> boundaries(Domain.Column c, List<Object> distinct) {
    Set<Object> b = new LinkedHashSet<>();
    if (c.type() == SqlType.BOOLEAN) {
      b.add(false);
      b.add(true);
      return List.copyOf(b);
    }
    if (distinct.isEmpty()) {
      return List.of();
    }
    Object min = distinct.get(0);
    Object max = distinct.get(distinct.size() - 1);
    b.add(min);
    b.add(max);
    if (closed(c)) {
      return List.copyOf(b);
    }
    switch (c.type()) {
      case INTEGER -> {
        int lo = (Integer) min;
        int hi = (Integer) max;
        if (lo > Integer.MIN_VALUE) {
          b.add(lo - 1);
        }
        if (hi < Integer.MAX_VALUE) {
          b.add(hi + 1);
        }
        if (lo > 0) {
          b.add(0);
        }
      }
      case DOUBLE -> {
        double lo = (Double) min;
        double hi = (Double) max;
        b.add(lo - 1);
        b.add(hi + 1);
        if (lo > 0) {
          b.add(0.0);
        }
      }
      case DATE -> {
        b.add(((LocalDate) min).minusDays(1));
        b.add(((LocalDate) max).plusDays(1));
      }
      default -> { } // VARCHAR: minimum and maximum only
    }
    return List.copyOf(b);
  }

  /**
   * Draws one value: NULL with probability {@link #nullProbability()}, else a boundary value with probability
   * {@link #BOUNDARY_PROBABILITY} (uniformly among them), else an observed value (uniformly among the snapshot's rows
   * that have one). NULL when the column holds no value at all.
   *
   * @param random the seeded source of randomness (advanced by a fixed number of calls per outcome)
   */
  public Object draw(Random random) {
    if (nullProbability > 0 && random.nextDouble() < nullProbability) {
      return null;
    }
    return drawNonNull(random);
  }

  /** Draws one value as {@link #draw} does, never NULL unless the column holds no value at all. */
  public Object drawNonNull(Random random) {
    if (!boundaries.isEmpty() && (values.isEmpty() || random.nextDouble() < BOUNDARY_PROBABILITY)) {
      return boundaries.get(random.nextInt(boundaries.size()));
    }
    return values.isEmpty() ? null : values.get(random.nextInt(values.size()));
  }

  /** Whether {@code v} is an observed value, a boundary value, or NULL in a column that holds NULLs. */
  public boolean allows(Object v) {
    if (v == null) {
      return nullProbability > 0 || values.isEmpty();
    }
    return boundaries.contains(v) || java.util.Collections.binarySearch(distinct, v, ColumnDomain::compare) >= 0;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }
}
