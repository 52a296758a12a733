package dev.quarry.train;

/**
 * How {@link DjlSqlGenerator} decodes.
 *
 * @param beamWidth 1 = greedy, otherwise beam search with this width
 * @param executionGuided put the first candidate that validates and executes without error first
 *     (Wang et al. 2018, "Robust Text-to-SQL Generation with Execution-Guided Decoding"); needs a sandbox
 * @param constrained constrained decoding: each step keeps only tokens that keep the SQL a valid prefix over the
 *     schema ({@link dev.quarry.train.model.SchemaConstraint}), and the first candidate that passes the SQL
 *     validator (parse + schema check, no execution) is put first
 */
public record DecodeSettings(int beamWidth, boolean executionGuided, boolean constrained) {

  /** Constrained decoding (the default) with this width and guidance. */
  public DecodeSettings(int beamWidth, boolean executionGuided) {
    this(beamWidth, executionGuided, true);
  }

  /** Checks the width. */
  public DecodeSettings {
    if (beamWidth < 1) {
      throw new IllegalArgumentException("--beam must be at least 1 (was " + beamWidth + ")");
    }
  }
}
