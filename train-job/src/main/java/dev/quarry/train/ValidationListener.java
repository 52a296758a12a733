package dev.quarry.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.quarry.train.encoder.TokenFeatures;
import dev.quarry.train.model.Batch;
import dev.quarry.train.model.TransformerModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * At every epoch end: validation loss on the given validation pairs (the trainer passes a seeded sample of
 * 1,024), validation execution accuracy on a sample (when one is configured), saving the best model so far ({@code best-parameters.bin} in the work
 * directory; best = highest validation EX, or lowest loss without EX), a {@code "kind":"epoch"} metrics line,
 * and early stopping after {@code patience} epochs without improvement (Prechelt 1998, "Early Stopping — But
 * When?").
 */
final class ValidationListener implements TrainingListener {

  /** Rows per validation-loss batch. */
  private static final int BATCH = 128;

  private final List<Example> validation;
  private final ToDoubleFunction<TransformerModel> executionAccuracy;
  private final Path bestFile;
  private final Path metrics;
  private final Consumer<String> progress;
  private double lastLoss = Double.NaN;
  private double lastExecutionAccuracy = Double.NaN;

  /**
   * @param validation encoded validation pairs (loss)
   * @param executionAccuracy the validation sample's execution accuracy of a model, or null to skip it
   * @param bestFile where the best parameters go
   * @param metrics the metrics log (appended)
   */
  ValidationListener(List<Example> validation, ToDoubleFunction<TransformerModel> executionAccuracy, Path bestFile,
      Path metrics, Consumer<String> progress) {
    this.validation = validation;
    this.executionAccuracy = executionAccuracy;
    this.bestFile = bestFile;
    this.metrics = metrics;
    this.progress = progress;
  }

  @Override
  public void onEpochEnd(TrainingLoop.Context ctx, int finishedEpoch) {
    ctx.times().time(PhaseTimes.Phase.VALIDATION, () -> validate(ctx, finishedEpoch));
  }

  private void validate(TrainingLoop.Context ctx, int finishedEpoch) {
    TrainState st = ctx.state();
    lastLoss = loss(ctx.model(), validation);
    lastExecutionAccuracy = executionAccuracy == null ? Double.NaN : executionAccuracy.applyAsDouble(ctx.model());
    double score = executionAccuracy != null ? lastExecutionAccuracy : -lastLoss;
    if (score > st.bestScore) {
      st.bestScore = score;
      st.badEpochs = 0;
      ctx.model().save(bestFile);
    } else {
      st.badEpochs++;
    }
    DjlTrainer.appendJson(metrics, Map.of("kind", "epoch", "epoch", finishedEpoch + 1, "step", st.step,
        "train_loss", ctx.epochTrainLoss(), "val_loss", lastLoss,
        "val_execution_accuracy", Double.isNaN(lastExecutionAccuracy) ? -1 : lastExecutionAccuracy));
    progress.accept(String.format("epoch %d done: val loss %.4f, val execution accuracy %s", finishedEpoch + 1,
        lastLoss, Double.isNaN(lastExecutionAccuracy) ? "n/a" : String.format("%.1f%%", 100 * lastExecutionAccuracy)));
    int patience = ctx.settings().evaluation().patience();
    if (patience > 0 && st.badEpochs >= patience) {
      String why = "early stopping: no validation improvement for " + st.badEpochs + " epochs";
      progress.accept(why);
      ctx.requestStop(why);
    }
  }

  /** Validation loss of the last epoch end (NaN before). */
  double lastLoss() {
    return lastLoss;
  }

  /** Validation execution accuracy of the last epoch end (NaN before, or when skipped). */
  double lastExecutionAccuracy() {
    return lastExecutionAccuracy;
  }

  /** Mean per-pair loss over {@code data} without dropout. */
  static double loss(TransformerModel model, List<Example> data) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < data.size(); i += BATCH) {
      List<int[]> qs = new ArrayList<>();
      List<int[]> ss = new ArrayList<>();
      List<TokenFeatures> fs = model.config().questionFeatures() > 0 ? new ArrayList<>() : null;
      for (int j = i; j < Math.min(data.size(), i + BATCH); j++) {
        qs.add(data.get(j).question());
        ss.add(data.get(j).sql());
        if (fs != null) {
          fs.add(data.get(j).features());
        }
      }
      try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
        scope.suppressNotUsedWarning();
        Batch b = Batch.of(m, qs, fs, ss, null, model.config().maxQuestion());
        sum += DjlTrainer.loss(model, b, false).getFloat() * qs.size();
        n += qs.size();
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
