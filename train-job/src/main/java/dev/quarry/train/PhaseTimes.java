package dev.quarry.train;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Wall time of a training run by phase, so that the work around the optimizer steps (data preparation,
 * validation, checkpoints, the final test) is reported separately from the steps themselves. Used by one thread.
 */
public final class PhaseTimes {

  /** The phases of a training run. */
  public enum Phase {
    /** Reading the shards, tokenizing, building the vocabulary, encoding. */
    DATA("data preparation"),
    /** Optimizer steps: batching, forward, backward, update. */
    STEPS("training steps"),
    /** Validation loss and validation execution accuracy at epoch ends, saving the best model. */
    VALIDATION("validation"),
    /** Writing checkpoints and the metrics log. */
    CHECKPOINTS("checkpoints and metrics"),
    /** Test execution accuracy and writing the model directory. */
    TEST("test and model files");

    private final String label;

    Phase(String label) {
      this.label = label;
    }

    /** Human-readable name. */
    public String label() {
      return label;
    }
  }

  private final Map<Phase, Long> nanos = new EnumMap<>(Phase.class);

  /** Adds {@code elapsedNanos} to {@code phase}. */
  public void add(Phase phase, long elapsedNanos) {
    nanos.merge(phase, elapsedNanos, Long::sum);
  }

  /** Runs {@code work}, charging its wall time to {@code phase}, and returns its result. */
  public <T> T time(Phase phase, Supplier<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      add(phase, System.nanoTime() - t0);
    }
  }

  /** Runs {@code work}, charging its wall time to {@code phase}. */
  public void time(Phase phase, Runnable work) {
    long t0 = System.nanoTime();
    try {
      work.run();
    } finally {
      add(phase, System.nanoTime() - t0);
    }
  }

  /** Seconds charged to {@code phase}. */
  public double seconds(Phase phase) {
    return nanos.getOrDefault(phase, 0L) / 1e9;
  }

  /** Seconds over all phases. */
  public double totalSeconds() {
    return nanos.values().stream().mapToLong(Long::longValue).sum() / 1e9;
  }

  /** Share of the total spent outside {@link Phase#STEPS}, 0..1 (0 when nothing was timed). */
  public double overheadShare() {
    double total = totalSeconds();
    return total == 0 ? 0 : (total - seconds(Phase.STEPS)) / total;
  }

  /** One line: each phase's seconds and share, e.g. {@code "data preparation 2.1 s (0.4%), training steps …"}. */
  public String summary() {
    double total = Math.max(1e-9, totalSeconds());
    StringJoiner j = new StringJoiner(", ");
    for (Phase p : Phase.values()) {
      j.add(String.format("%s %.1f s (%.1f%%)", p.label(), seconds(p), 100 * seconds(p) / total));
    }
    return j.toString();
  }
}
