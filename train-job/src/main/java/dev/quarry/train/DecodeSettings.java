package dev.quarry.train;

/**
 * How {@link DjlSqlGenerator} decodes.
 *
 * @param beamWidth 1 = greedy, otherwise beam search with this width
 * @param executionGuided put the first candidate that validates and executes without error first
 *     (Wang et al. 2018, "Robust Text-to-SQL Generation with Execution-Guided Decoding"); needs a sandbox
 */
public record DecodeSettings(int beamWidth, boolean executionGuided) {

  /** Checks the width. */
  public DecodeSettings {
    if (beamWidth < 1) {
      throw new IllegalArgumentException("--beam must be at least 1 (was " + beamWidth + ")");
    }
  }
}
