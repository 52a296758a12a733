package dev.quarry.train;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes {@link Checkpoints} every {@code checkpointEvery} steps (when &gt; 0) and at every epoch end, and turns a
 * shutdown request ({@link GracefulStop}: SIGTERM, Ctrl-C) into a last checkpoint after the current step
 * followed by {@link GracefulStop.Stopped}. Register it after the validation listener, so that an epoch-end
 * checkpoint holds the validation's early-stopping counters.
 */
final class CheckpointListener implements TrainingListener {

  private final Path checkpointDir;
  private final GracefulStop stop;
  private final Consumer<String> progress;

  CheckpointListener(Path checkpointDir, GracefulStop stop, Consumer<String> progress) {
    this.checkpointDir = checkpointDir;
    this.stop = stop;
    this.progress = progress;
  }

  @Override
  public void onStep(TrainingLoop.Context ctx, TrainingLoop.StepResult step) {
    int every = ctx.settings().schedule().checkpointEvery();
    if (every > 0 && ctx.state().step % every == 0) {
      save(ctx);
    }
    if (stop.requested()) {
      save(ctx);
      progress.accept("stop requested: checkpoint written after step " + ctx.state().step
          + "; run the same command again to resume");
      stop.acknowledge();
      throw new GracefulStop.Stopped(ctx.state().step);
    }
  }

  @Override
  public void onEpochEnd(TrainingLoop.Context ctx, int finishedEpoch) {
    save(ctx);
  }

  private void save(TrainingLoop.Context ctx) {
    ctx.times().time(PhaseTimes.Phase.CHECKPOINTS,
        () -> Checkpoints.save(checkpointDir, ctx.model(), ctx.optimizer(), ctx.state()));
  }
}
