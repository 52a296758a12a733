package dev.quarry.train;

/** Progress counters saved in a checkpoint ({@code state.json}). Mutable, used by one thread. */
public final class TrainState {
  /** Completed epochs. */
  public int epoch;
  /** Batches done in the current epoch. */
  public int batchInEpoch;
  /** Optimizer steps done. */
  public long step;
  /** Tokens trained on. */
  public long tokens;
  /** Best validation score so far (execution accuracy, or −loss). */
  public double bestScore = Double.NEGATIVE_INFINITY;
  /** Epochs without improvement. */
  public int badEpochs;
}
