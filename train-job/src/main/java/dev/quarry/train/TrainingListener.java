package dev.quarry.train;

/**
 * Receives the events of a {@link TrainingLoop}, in the manner of DJL's {@code TrainingListener}: logging,
 * checkpoints, validation and early stopping are listeners, not parts of the loop. Listeners run in the order
 * given to the loop, on the training thread. Every method has an empty default.
 */
public interface TrainingListener {

  /** Before the first step of this session (after a resume: before the first step after the checkpoint). */
  default void onTrainingBegin(TrainingLoop.Context ctx) {}

  /**
   * After each optimizer step; {@code ctx.state()} already counts it.
   *
   * @param step what the step measured
   */
  default void onStep(TrainingLoop.Context ctx, TrainingLoop.StepResult step) {}

  /**
   * After the last batch of an epoch; {@code ctx.state().epoch} already counts it and {@code batchInEpoch} is 0.
   *
   * @param finishedEpoch 0-based index of the epoch that ended
   */
  default void onEpochEnd(TrainingLoop.Context ctx, int finishedEpoch) {}

  /** After the loop ends (epochs done, step limit reached, or a listener requested a stop). */
  default void onTrainingEnd(TrainingLoop.Context ctx) {}
}
