package dev.quarry.train;

import dev.quarry.train.model.ModelConfig;
import java.nio.file.Path;

/**
 * Everything a training run needs.
 *
 * @param dataset dataset directory (with manifest)
 * @param seedDir seed data directory, for execution accuracy
 * @param domain domain name or path
 * @param modelsDir {@code <workspace>/models}
 * @param modelId output directory name under {@code modelsDir}
 * @param model model size
 * @param learningRate peak learning rate (&gt; 0)
 * @param warmupSteps linear warm-up steps (≥ 0), then cosine decay to 10% of the peak
 * @param batchSize pairs per step (≥ 1)
 * @param epochs maximum epochs (≥ 1)
 * @param maxSteps stop after this many steps (0 = no limit)
 * @param patience early stopping: epochs without validation improvement before stopping (0 = off)
 * @param clipNorm gradient clipping global norm (≤ 0 = off)
 * @param checkpointEvery steps between checkpoints (0 = only at epoch ends)
 * @param validationExSample validation questions decoded per epoch for execution accuracy (0 = skip)
 * @param testExSample test questions decoded at the end (0 = skip, -1 = all)
 * @param seed random seed (initialisation, data order, dropout)
 * @param resume continue from the last checkpoint of {@code modelId}
 * @param force retrain even if an up-to-date model exists
 * @param command the command line, for the manifest
 */
public record TrainSettings(
    Path dataset,
    Path seedDir,
    String domain,
    Path modelsDir,
    String modelId,
    ModelConfig model,
    double learningRate,
    int warmupSteps,
    int batchSize,
    int epochs,
    long maxSteps,
    int patience,
    double clipNorm,
    int checkpointEvery,
    int validationExSample,
    int testExSample,
    long seed,
    boolean resume,
    boolean force,
    String command) {

  // Defaults of the embedded trainer: the single source for `quarry train`'s option defaults and help text.

  /** Default {@link #learningRate} ({@code quarry train --lr}). */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;
  /** Default {@link #warmupSteps} ({@code --warmup}). */
  public static final int DEFAULT_WARMUP_STEPS = 200;
  /** Default {@link #batchSize} ({@code --batch-size}). */
  public static final int DEFAULT_BATCH_SIZE = 64;
  /** Default {@link #epochs} ({@code --epochs}). */
  public static final int DEFAULT_EPOCHS = 6;
  /** Default {@link #maxSteps} ({@code --max-steps}): no limit. */
  public static final long DEFAULT_MAX_STEPS = 0;
  /** Default {@link #patience} ({@code --patience}). */
  public static final int DEFAULT_PATIENCE = 2;
  /** Default {@link #clipNorm} ({@code --clip}). */
  public static final double DEFAULT_CLIP_NORM = 1.0;
  /** Default {@link #checkpointEvery} ({@code --checkpoint-every}). */
  public static final int DEFAULT_CHECKPOINT_EVERY = 200;
  /** Default {@link #validationExSample} ({@code --val-ex-sample}). */
  public static final int DEFAULT_VALIDATION_EX_SAMPLE = 300;
  /** Default {@link #testExSample} ({@code --test-ex-sample}). */
  public static final int DEFAULT_TEST_EX_SAMPLE = 1000;

  /**
   * Checks every value before any work.
   *
   * @throws IllegalArgumentException naming the CLI option of the first bad value
   */
  public TrainSettings validate() {
    model.validate();
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("--lr must be a positive number (was " + learningRate + ")");
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("--warmup must be ≥ 0 (was " + warmupSteps + ")");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1 (was " + batchSize + ")");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs must be at least 1 (was " + epochs + ")");
    }
    if (maxSteps < 0) {
      throw new IllegalArgumentException("--max-steps must be ≥ 0 (was " + maxSteps + ")");
    }
    if (patience < 0) {
      throw new IllegalArgumentException("--patience must be ≥ 0 (was " + patience + ")");
    }
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("--checkpoint-every must be ≥ 0 (was " + checkpointEvery + ")");
    }
    if (validationExSample < 0 || testExSample < -1) {
      throw new IllegalArgumentException("--val-ex-sample must be ≥ 0 and --test-ex-sample ≥ -1");
    }
    if (modelId == null || !modelId.matches("[A-Za-z0-9._-]+") || modelId.equals("latest")) {
      throw new IllegalArgumentException("--model-id must be letters, digits, '.', '_' or '-' and not 'latest' (was " + modelId + ")");
    }
    return this;
  }
}
