package dev.quarry.train;

/**
 * The settings of a training run that {@link InvalidSettingException} can name. A front end (the command line,
 * a config file) maps each to its own name for the user; the library never quotes command-line flags.
 */
public enum TrainSetting {
  /** {@code ModelConfig.dModel}. */
  D_MODEL("model width (d_model)"),
  /** {@code ModelConfig.layers}. */
  LAYERS("number of layers"),
  /** {@code ModelConfig.heads}. */
  HEADS("number of attention heads"),
  /** {@code ModelConfig.ffn}. */
  FFN("feed-forward width"),
  /** {@code ModelConfig.dropout}. */
  DROPOUT("dropout rate"),
  /** {@code ModelConfig.maxQuestion}. */
  MAX_QUESTION("maximum question length"),
  /** {@code ModelConfig.maxSql}. */
  MAX_SQL("maximum SQL length"),
  /** {@code ModelConfig.questionFeatures}. */
  QUESTION_FEATURES("pretrained question features"),
  /** {@link TrainSettings.Optimizer#learningRate}. */
  LEARNING_RATE("learning rate"),
  /** {@link TrainSettings.Schedule#warmupSteps}. */
  WARMUP_STEPS("warm-up steps"),
  /** {@link TrainSettings.Schedule#batchSize}. */
  BATCH_SIZE("batch size"),
  /** {@link TrainSettings.Schedule#epochs}. */
  EPOCHS("number of epochs"),
  /** {@link TrainSettings.Schedule#maxSteps}. */
  MAX_STEPS("step limit"),
  /** {@link TrainSettings.Schedule#checkpointEvery}. */
  CHECKPOINT_EVERY("checkpoint interval"),
  /** {@link TrainSettings.Evaluation#patience}. */
  PATIENCE("early-stopping patience"),
  /** {@link TrainSettings.Evaluation#validationExSample}. */
  VALIDATION_EX_SAMPLE("validation execution-accuracy sample"),
  /** {@link TrainSettings.Evaluation#testExSample}. */
  TEST_EX_SAMPLE("test execution-accuracy sample"),
  /** {@link TrainSettings#modelId}. */
  MODEL_ID("model id");

  private final String label;

  TrainSetting(String label) {
    this.label = label;
  }

  /** Plain-words name, e.g. "batch size". */
  public String label() {
    return label;
  }
}
