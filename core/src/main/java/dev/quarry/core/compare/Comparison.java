package dev.quarry.core.compare;

/**
 * The verdict of comparing a predicted result with a gold result.
 *
 * @param strict same number of columns, each gold column matched to a distinct predicted column, rows equal
 * @param lenient gold columns matched to distinct predicted columns, extra predicted columns allowed
 */
public record Comparison(boolean strict, boolean lenient) {

  /** Neither matches. */
  public static final Comparison NONE = new Comparison(false, false);
}
