package dev.quarry.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.train.model.ModelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * File names of a model directory ({@code models/<model-id>/}): {@code parameters.bin} (named NDList),
 * {@code tokenizer.json}, {@code config.json} (the {@link ModelConfig} plus {@code domain}),
 * {@code metrics.jsonl}, {@code MODEL_CARD.md}, {@code manifest.json}. {@code models/LATEST} is a small text
 * file holding the id of the newest completed model (a file, not a symlink, so it works on every file
 * system).
 */
public final class ModelFiles {

  public static final String PARAMETERS = "parameters.bin";
  public static final String TOKENIZER = "tokenizer.json";
  public static final String CONFIG = "config.json";
  public static final String METRICS = "metrics.jsonl";
  public static final String CARD = "MODEL_CARD.md";
  public static final String LATEST = "LATEST";
  static final ObjectMapper JSON = new ObjectMapper();

  private ModelFiles() {}

  /** Stored configuration: the model size and the domain it was trained for. */
  public record StoredConfig(ModelConfig model, String domain) {}

  /** Writes {@code config.json}. */
  public static void writeConfig(Path dir, ModelConfig c, String domain) {
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(CONFIG).toFile(), new StoredConfig(c, domain));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code config.json}. */
  public static StoredConfig readConfig(Path dir) {
    try {
      return JSON.readValue(dir.resolve(CONFIG).toFile(), StoredConfig.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Not a model directory (cannot read " + dir.resolve(CONFIG) + "): " + e.getMessage(), e);
    }
  }

  /**
   * Resolves a {@code --model} value: a directory, or {@code latest} / a models dir holding {@code LATEST}.
   *
   * @throws IllegalArgumentException naming the path when there is no model
   */
  public static Path resolve(Path modelsDir, String model) {
    Path p = model.equals("latest") ? modelsDir : Path.of(model);
    if (Files.isRegularFile(p.resolve(LATEST))) {
      try {
        p = p.resolve(Files.readString(p.resolve(LATEST)).trim());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else if (!Files.isDirectory(p) && !model.contains("/")) {
      p = modelsDir.resolve(model);
    }
    if (!Files.isRegularFile(p.resolve(CONFIG))) {
      throw new IllegalArgumentException("--model: no trained model at " + p + " (train one with 'quarry train')");
    }
    return p;
  }

  /**
   * Points {@code models/LATEST} (and the {@code models/latest} symlink where the file system allows) at
   * {@code modelId}; shared with the hand-off backend ({@link dev.quarry.train.handoff.ModelRegistry}).
   */
  public static void markLatest(Path modelsDir, String modelId) {
    dev.quarry.train.handoff.ModelRegistry.markLatest(modelsDir, modelId);
  }
}
