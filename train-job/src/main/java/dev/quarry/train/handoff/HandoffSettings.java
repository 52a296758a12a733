package dev.quarry.train.handoff;

import dev.quarry.train.ModelRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything {@link HandoffTrainer#run} needs to hand a dataset to an external fine-tuning job.
 *
 * @param datasetDir dataset directory written by {@code quarry synth} (holds {@code manifest.json},
 *     {@code jsonl/<split>/part-*.jsonl}, {@code parquet/<split>/part-*.parquet}, {@code dataset_info.json})
 * @param modelsDir model registry directory, normally {@code <workspace>/models}
 * @param modelId model id, the registry folder name; null ⇒ {@link #defaultModelId}
 * @param baseModel base model id (Hugging Face hub id or local path), e.g. {@code Qwen/Qwen2.5-Coder-7B-Instruct}
 * @param lora adapter settings
 * @param learningRate peak learning rate (&gt; 0, ≤ 1)
 * @param epochs passes over the training split (≥ 1)
 * @param batchSize per-device micro batch size (≥ 1)
 * @param maxSeqLen maximum tokens per example (≥ 16)
 * @param chatTemplate LLaMA-Factory {@code template} name (e.g. {@code qwen}, {@code mistral}, {@code llama3})
 * @param seed random seed passed to the trainer configs
 * @param commandTemplate the external command, see {@link CommandTemplate}
 * @param timeLimit wall-clock limit for the external command (&gt; 0)
 * @param logPrefix prefix for each line of the command's output in the log
 * @param force redo even when a model with the same fingerprint is registered
 * @param commandLine the user's command line, recorded in the manifest (may be empty)
 */
public record HandoffSettings(
    Path datasetDir,
    Path modelsDir,
    String modelId,
    String baseModel,
    LoraSettings lora,
    double learningRate,
    int epochs,
    int batchSize,
    int maxSeqLen,
    String chatTemplate,
    long seed,
    String commandTemplate,
    Duration timeLimit,
    String logPrefix,
    boolean force,
    String commandLine) {

  /** Default base model. */
  public static final String DEFAULT_BASE_MODEL = "Qwen/Qwen2.5-Coder-7B-Instruct";
  /** Default learning rate (the QLoRA paper's 2e-4 for 7B–13B models). */
  public static final double DEFAULT_LEARNING_RATE = 2e-4;
  /** Default epochs. */
  public static final int DEFAULT_EPOCHS = 2;
  /** Default micro batch size. */
  public static final int DEFAULT_BATCH_SIZE = 4;
  /** Default maximum sequence length in tokens. */
  public static final int DEFAULT_MAX_SEQ_LEN = 2048;
  /** Default LLaMA-Factory chat template (matches the default Qwen base model). */
  public static final String DEFAULT_CHAT_TEMPLATE = "qwen";
  /** Default time limit as written on the command line ({@code --time-limit}). */
  public static final String DEFAULT_TIME_LIMIT_TEXT = "24h";
  /** Default time limit: 24 hours ({@link #DEFAULT_TIME_LIMIT_TEXT}). */
  public static final Duration DEFAULT_TIME_LIMIT = Durations.parse(DEFAULT_TIME_LIMIT_TEXT, "--time-limit");
  /** Default log prefix. */
  public static final String DEFAULT_LOG_PREFIX = "[external] ";

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the offending option
   */
  public HandoffSettings {
    Objects.requireNonNull(datasetDir, "datasetDir");
    Objects.requireNonNull(modelsDir, "modelsDir");
    Objects.requireNonNull(lora, "lora");
    if (modelId != null) {
      ModelRegistry.checkModelId(modelId);
    }
    if (baseModel == null || baseModel.isBlank()) {
      throw new IllegalArgumentException("--base-model must not be empty");
    }
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("--lr must be in (0, 1], got " + learningRate);
    }
    if (epochs < 1 || epochs > 1000) {
      throw new IllegalArgumentException("--epochs must be between 1 and 1000, got " + epochs);
    }
    if (batchSize < 1 || batchSize > 65_536) {
      throw new IllegalArgumentException("--batch-size must be between 1 and 65536, got " + batchSize);
    }
    if (maxSeqLen < 16 || maxSeqLen > 1_048_576) {
      throw new IllegalArgumentException("--max-seq-len must be between 16 and 1048576, got " + maxSeqLen);
    }
    if (chatTemplate == null || !chatTemplate.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("--chat-template must be a template name like 'qwen', got '" + chatTemplate + "'");
    }
    if (commandTemplate == null || commandTemplate.isBlank()) {
      throw new IllegalArgumentException("--command must give the external training command");
    }
    CommandTemplate.parse(commandTemplate); // fails early on unbalanced quotes / unknown placeholders
    if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("--time-limit must be positive, got " + timeLimit);
    }
    logPrefix = logPrefix == null ? "" : logPrefix;
    commandLine = commandLine == null ? "" : commandLine;
  }

  /** Settings with every default, for {@code datasetDir}, {@code modelsDir} and the command template. */
  public static HandoffSettings defaults(Path datasetDir, Path modelsDir, String commandTemplate) {
    return new HandoffSettings(datasetDir, modelsDir, null, DEFAULT_BASE_MODEL, LoraSettings.defaults(),
        DEFAULT_LEARNING_RATE, DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_MAX_SEQ_LEN, DEFAULT_CHAT_TEMPLATE, 42L,
        commandTemplate, DEFAULT_TIME_LIMIT, DEFAULT_LOG_PREFIX, false, "");
  }

  /** Copy with another model id. */
  public HandoffSettings withModelId(String id) {
    return new HandoffSettings(datasetDir, modelsDir, id, baseModel, lora, learningRate, epochs, batchSize,
        maxSeqLen, chatTemplate, seed, commandTemplate, timeLimit, logPrefix, force, commandLine);
  }

  /** Copy with another command template. */
  public HandoffSettings withCommand(String template) {
    return new HandoffSettings(datasetDir, modelsDir, modelId, baseModel, lora, learningRate, epochs, batchSize,
        maxSeqLen, chatTemplate, seed, template, timeLimit, logPrefix, force, commandLine);
  }

  /** Copy with another time limit. */
  public HandoffSettings withTimeLimit(Duration limit) {
    return new HandoffSettings(datasetDir, modelsDir, modelId, baseModel, lora, learningRate, epochs, batchSize,
        maxSeqLen, chatTemplate, seed, commandTemplate, limit, logPrefix, force, commandLine);
  }

  /** Copy with {@code force} set. */
  public HandoffSettings withForce(boolean f) {
    return new HandoffSettings(datasetDir, modelsDir, modelId, baseModel, lora, learningRate, epochs, batchSize,
        maxSeqLen, chatTemplate, seed, commandTemplate, timeLimit, logPrefix, f, commandLine);
  }

  /** The model id to use: the given one, else {@link #defaultModelId}. */
  public String effectiveModelId() {
    return modelId != null ? modelId : defaultModelId(datasetDir, baseModel, lora);
  }

  /**
   * {@code <dataset folder>-<adapter>-<base model slug>}, e.g.
   * {@code education-s42-x1-qlora-qwen2.5-coder-7b-instruct}; the slug is the last path segment of the base
   * model id, lower-cased, with characters outside {@code [a-z0-9._-]} replaced by {@code -}.
   */
  public static String defaultModelId(Path datasetDir, String baseModel, LoraSettings lora) {
    String base = baseModel.replaceAll("/+$", "");
    base = base.substring(base.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    Path name = datasetDir.toAbsolutePath().normalize().getFileName();
    String ds = name == null ? "dataset" : name.toString().replaceAll("[^A-Za-z0-9._-]", "-");
    String id = ds + "-" + lora.adapter() + "-" + (base.isEmpty() ? "model" : base);
    return id.startsWith(".") ? "m" + id : id;
  }
}
