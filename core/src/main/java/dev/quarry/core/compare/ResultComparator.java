package dev.quarry.core.compare;

import dev.quarry.core.sql.QueryOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares a predicted query result with a gold one. Rules and their sources:
 * <ul>
 *   <li>Column order is ignored and column names do not matter: each gold column is matched to a distinct
 *       predicted column, searching over assignments (Spider test-suite evaluation, Zhong et al. 2020,
 *       {@code exec_eval.py}, which tries column permutations).
 *   <li>Extra predicted columns are allowed in the lenient verdict only (defog sql-eval's "subset" match,
 *       {@code compare_query_results(..., subset=True)} in {@code eval/eval.py}); the strict verdict needs
 *       the same number of columns.
 *   <li>Values are normalized by type ({@link ValueNormalizer}: numbers rounded to the bank's precision and
 *       equal within a relative tolerance, booleans as 1/0, dates as ISO text, NULL = NULL).
 *   <li>Rows are compared as multisets (duplicates count), in order only when the gold query's outermost
 *       SELECT has ORDER BY (Spider test-suite rule: {@code order_matters = 'order by' in gold}).
 * </ul>
 * Row counts must be equal in both verdicts.
 *
 * <p>This is what "execution accuracy" (EX) means everywhere in Quarry: the evaluation's {@code ex_strict} and
 * the training's validation and test EX both count a prediction as correct when its
 * {@link #compare(QueryOutcome, QueryOutcome) strict verdict} against the gold result holds.
 */
public final class ResultComparator {

  private final ValueNormalizer values;

  /** @param values value normalization and tolerance */
  public ResultComparator(ValueNormalizer values) {
    this.values = values;
  }

  /**
   * Default settings: {@value ValueNormalizer#DEFAULT_DECIMALS} decimal places, relative tolerance
   * {@value ValueNormalizer#DEFAULT_REL_TOL} (those of {@code quarry eval} without options).
   */
  public static ResultComparator defaults() {
    return new ResultComparator(new ValueNormalizer(ValueNormalizer.DEFAULT_DECIMALS, ValueNormalizer.DEFAULT_REL_TOL));
  }

  /**
   * Compares the outcomes of a gold and a predicted query run on the same database: rows in order when the
   * gold query's outermost SELECT has ORDER BY ({@link QueryOutcome#ordered()}).
   *
   * @param gold the gold query's outcome
   * @param predicted the prediction's outcome
   * @return the verdicts; {@link Comparison#NONE} unless both ran ({@link QueryOutcome#isOk()})
   */
  public Comparison compare(QueryOutcome gold, QueryOutcome predicted) {
    if (!gold.isOk() || !predicted.isOk()) {
      return Comparison.NONE;
    }
    return compare(gold.rows(), gold.columnNames().size(), predicted.rows(), predicted.columnNames().size(),
        gold.ordered());
  }

  /**
   * Compares two results.
   *
   * @param goldRows gold rows (each of the gold column count)
   * @param goldColumns number of gold columns
   * @param predRows predicted rows
   * @param predColumns number of predicted columns
   * @param ordered whether row order matters (gold has ORDER BY)
   * @return strict and lenient verdicts
   */
  public Comparison compare(List<List<Object>> goldRows, int goldColumns, List<List<Object>> predRows,
      int predColumns, boolean ordered) {
    if (goldRows.size() != predRows.size() || predColumns < goldColumns) {
      return Comparison.NONE;
    }
    Object[][] g = normalize(goldRows, goldColumns);
    Object[][] p = normalize(predRows, predColumns);
    // candidates: predicted columns whose values equal the gold column's (as multiset or sequence)
    List<List<Integer>> candidates = new ArrayList<>();
    for (int gc = 0; gc < goldColumns; gc++) {
      Object[] gcol = column(g, gc, ordered);
      List<Integer> cs = new ArrayList<>();
      for (int pc = 0; pc < predColumns; pc++) {
        if (sameValues(gcol, column(p, pc, ordered))) {
          cs.add(pc);
        }
      }
      if (cs.isEmpty()) {
        return Comparison.NONE;
      }
      candidates.add(cs);
    }
    boolean match = assign(0, new int[goldColumns], new boolean[predColumns], candidates, g, p, ordered);
    return match ? new Comparison(predColumns == goldColumns, true) : Comparison.NONE;
  }

  private Object[][] normalize(List<List<Object>> rows, int cols) {
    Object[][] out = new Object[rows.size()][];
    for (int r = 0; r < rows.size(); r++) {
      List<Object> row = rows.get(r);
      if (row.size() != cols) {
        throw new IllegalArgumentException("Row " + r + " has " + row.size() + " values, expected " + cols);
      }
      Object[] o = new Object[cols];
      for (int c = 0; c < cols; c++) {
        o[c] = values.normalize(row.get(c));
      }
      out[r] = o;
    }
    return out;
  }

  private static Object[] column(Object[][] rows, int c, boolean ordered) {
    Object[] col = new Object[rows.length];
    for (int r = 0; r < rows.length; r++) {
      col[r] = rows[r][c];
    }
    if (!ordered) {
      Arrays.sort(col, ValueNormalizer.ORDER);
    }
    return col;
  }

  private boolean sameValues(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      if (!values.equal(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  private boolean assign(int gc, int[] chosen, boolean[] used, List<List<Integer>> candidates, Object[][] g,
      Object[][] p, boolean ordered) {
    if (gc == chosen.length) {
      return rowsEqual(g, p, chosen, ordered);
    }
    for (int pc : candidates.get(gc)) {
      if (!used[pc]) {
        used[pc] = true;
        chosen[gc] = pc;
        if (assign(gc + 1, chosen, used, candidates, g, p, ordered)) {
          return true;
        }
        used[pc] = false;
      }
    }
    return false;
  }

  private boolean rowsEqual(Object[][] g, Object[][] p, int[] chosen, boolean ordered) {
    Object[][] proj = new Object[p.length][];
    for (int r = 0; r < p.length; r++) {
      Object[] row = new Object[chosen.length];
      for (int c = 0; c < chosen.length; c++) {
        row[c] = p[r][chosen[c]];
      }
      proj[r] = row;
    }
    Object[][] gg = g;
    if (!ordered) {
      gg = g.clone();
      Arrays.sort(gg, ROW_ORDER);
      Arrays.sort(proj, ROW_ORDER);
    }
    for (int r = 0; r < gg.length; r++) {
      for (int c = 0; c < chosen.length; c++) {
        if (!values.equal(gg[r][c], proj[r][c])) {
          return false;
        }
      }
    }
    return true;
  }

  private static final java.util.Comparator<Object[]> ROW_ORDER = (a, b) -> {
    for (int i = 0; i < a.length; i++) {
      int c = ValueNormalizer.ORDER.compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  };
}
