package dev.quarry.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM (and Ctrl-C, or any other orderly JVM shutdown) during training into "finish the current step,
 * write a checkpoint, stop": a shutdown hook raises {@link #requested} and waits up to {@code graceSeconds}
 * for the training loop to {@link #acknowledge}. The next run with the same inputs and settings resumes from
 * that checkpoint ({@link InterruptedRun}). SIGKILL cannot be caught; the periodic checkpoints cover it.
 */
final class GracefulStop implements AutoCloseable {

  private final CountDownLatch acknowledged = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean requested;

  /**
   * Registers the shutdown hook.
   *
   * @param graceSeconds how long the JVM waits for the checkpoint after a stop request
   */
  GracefulStop(long graceSeconds) {
    hook = new Thread(() -> {
      requested = true;
      try {
        acknowledged.await(graceSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "quarry-train-graceful-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** True once the JVM began shutting down: the loop should checkpoint and stop. */
  boolean requested() {
    return requested;
  }

  /** Tells the waiting hook that the checkpoint is written (or that the loop ended). */
  void acknowledge() {
    acknowledged.countDown();
  }

  @Override
  public void close() {
    acknowledge();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting: the hook runs and returns at once
    }
  }

  /** Thrown by the loop after the stop checkpoint is written, to unwind without writing a model. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped(long step) {
      super("training stopped at step " + step + " (shutdown requested); a checkpoint was written, and the next run "
          + "with the same inputs and settings resumes from it");
    }
  }
}
