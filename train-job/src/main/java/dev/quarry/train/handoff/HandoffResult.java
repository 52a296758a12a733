package dev.quarry.train.handoff;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Outcome of {@link HandoffTrainer#run}.
 *
 * @param status what happened
 * @param modelId the model id
 * @param modelDir the registered model folder; null unless {@code status} is SUCCEEDED or SKIPPED
 * @param exitCode the external command's exit status; null when skipped
 * @param wall wall time of the external command (zero when skipped)
 * @param logFile the command's full output; null when skipped. On success a copy is in the model folder
 *     as {@code external.log}; on failure this file (under {@code models/.logs/}) is all that remains
 * @param tail the last lines of the command's output
 */
public record HandoffResult(
    Status status, String modelId, Path modelDir, Integer exitCode, Duration wall, Path logFile, List<String> tail) {

  /** How the hand-off ended. */
  public enum Status {
    /** The command exited 0 within the limit; the model is registered. */
    SUCCEEDED,
    /** A model with the same fingerprint was already registered; nothing ran. */
    SKIPPED,
    /** The command exited non-zero (or wrote nothing); no model registered. */
    FAILED,
    /** The time limit passed; the process tree was killed; no model registered. */
    TIMED_OUT
  }

  /** True when a model is registered (SUCCEEDED or SKIPPED). */
  public boolean registered() {
    return status == Status.SUCCEEDED || status == Status.SKIPPED;
  }

  /** One line for the console. */
  public String describe() {
    return switch (status) {
      case SUCCEEDED -> "model " + modelId + " registered at " + modelDir + " (external command exit 0 in "
          + wall.toSeconds() + " s)";
      case SKIPPED -> "model " + modelId + " is up to date at " + modelDir + " (--force retrains)";
      case FAILED -> "external command failed with exit code " + exitCode + "; no model registered; log: " + logFile;
      case TIMED_OUT -> "external command exceeded its time limit after " + wall.toSeconds()
          + " s and was killed (exit code " + exitCode + "); no model registered; log: " + logFile;
    };
  }
}
