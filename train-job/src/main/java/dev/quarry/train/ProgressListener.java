package dev.quarry.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Logs training progress: one {@code "kind":"step"} line per step in the metrics log (JSON Lines: epoch, step,
 * loss, learning rate, gradient norm, tokens/s) and a progress line at step 1 and every 10th step (loss, learning
 * rate, tokens/s of this session, ETA).
 */
final class ProgressListener implements TrainingListener {

  private final Path metrics;
  private final Consumer<String> progress;
  private long sessionStart;
  private long sessionTokens;
  private long sessionSteps;

  /**
   * @param metrics the metrics log (appended)
   * @param progress where progress lines go
   */
  ProgressListener(Path metrics, Consumer<String> progress) {
    this.metrics = metrics;
    this.progress = progress;
  }

  @Override
  public void onTrainingBegin(TrainingLoop.Context ctx) {
    sessionStart = System.nanoTime();
  }

  @Override
  public void onStep(TrainingLoop.Context ctx, TrainingLoop.StepResult r) {
    TrainState st = ctx.state();
    sessionTokens += r.tokens();
    sessionSteps++;
    double secs = (System.nanoTime() - sessionStart) / 1e9;
    double tps = tokensPerSecond();
    ctx.times().time(PhaseTimes.Phase.CHECKPOINTS, () -> DjlTrainer.appendJson(metrics, Map.of("kind", "step",
        "epoch", st.epoch + 1, "step", st.step, "loss", r.loss(), "lr", r.learningRate(), "grad_norm", r.gradNorm(),
        "tokens_per_s", tps)));
    if (st.step % 10 == 0 || st.step == 1) {
      double eta = (ctx.totalSteps() - st.step) * secs / Math.max(1, sessionSteps);
      progress.accept(String.format("epoch %d/%d step %d/%d loss %.4f lr %.2e %.0f tokens/s ETA %s", st.epoch + 1,
          ctx.settings().schedule().epochs(), st.step, ctx.totalSteps(), r.loss(), r.learningRate(), tps, hms(eta)));
    }
  }

  /** Tokens trained per wall second since this session's first step. */
  double tokensPerSecond() {
    return sessionTokens / Math.max(1e-9, (System.nanoTime() - sessionStart) / 1e9);
  }

  private static String hms(double seconds) {
    long sec = Math.round(seconds);
    return String.format("%d:%02d:%02d", sec / 3600, (sec / 60) % 60, sec % 60);
  }
}
