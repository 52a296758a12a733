package dev.quarry.train;

import dev.quarry.train.model.ModelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code MODEL_CARD.md}: the training report (data, hyperparameters, hardware, time, metrics). */
public final class DjlModelCard {

  private DjlModelCard() {}

  /** Writes the card to {@code file}. */
  public static void write(Path file, TrainSettings s, ModelConfig c, long params, String datasetManifestSha,
      DjlTrainer.Result r, int usable, long clean, int trainPairs, int testN, PhaseTimes times) {
    String card = """
        # Model card: %s

        Decoder-only causal transformer trained from scratch by Quarry's embedded DJL trainer (PyTorch engine).
        Literals are handled by placeholder anonymization (typed placeholders restored after decoding).

        ## Data
        - dataset: `%s`
        - dataset manifest SHA-256: `%s`
        - train pairs: %d (%d used; %.1f%% with every string literal anonymized)

        ## Hyperparameters
        - d_model %d, layers %d, heads %d, feed-forward %d, dropout %.2f, max question %d, max SQL %d, vocabulary %d
        - parameters: %,d
        - Adam lr %.2e, warm-up %d steps, cosine decay to 10%%, clip %.1f, batch %d, epochs %d, max steps %d, patience %d, seed %d

        ## Run
        - hardware: %s, %d CPU cores visible to the JVM; device: %s
        - wall time: %.1f s; steps: %d; epochs: %d; tokens seen: %,d; throughput: %.0f tokens/s
        - time by phase: %s

        ## Metrics
        - final validation loss: %.4f
        - validation execution accuracy (sample of %d): %s
        - test execution accuracy (%d questions, greedy): %s
        """.formatted(s.modelId(), s.dataset(), datasetManifestSha, trainPairs, usable, 100.0 * clean / Math.max(1, trainPairs),
        c.dModel(), c.layers(), c.heads(), c.ffn(), c.dropout(), c.maxQuestion(), c.maxSql(), c.vocabSize(), params,
        s.optimizer().learningRate(), s.schedule().warmupSteps(), s.optimizer().clipNorm(), s.schedule().batchSize(), s.schedule().epochs(), s.schedule().maxSteps(), s.evaluation().patience(), s.seed(),
        System.getProperty("os.arch") + " " + System.getProperty("os.name"), Runtime.getRuntime().availableProcessors(),
        NativeRuntime.device(), r.wallSeconds(), r.steps(), r.epochs(), r.tokens(),
        r.tokensPerSecond(), times.summary(), r.finalValLoss(), s.evaluation().validationExSample(), pct(r.valExecutionAccuracy()), testN,
        pct(r.testExecutionAccuracy()));
    try {
      Files.writeString(file, card);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pct(double x) {
    return Double.isNaN(x) ? "n/a" : String.format("%.1f%%", 100 * x);
  }
}
