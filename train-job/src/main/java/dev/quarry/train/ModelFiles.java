package dev.quarry.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.train.model.ModelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a registered model directory {@code models/<model-id>/} holds, for every training backend: the one
 * place that names its files and reads its {@code config.json}.
 *
 * <p>Every backend writes {@code config.json}, {@code MODEL_CARD.md} and {@code manifest.json}. The
 * {@code config.json} of the embedded DJL model ({@link Backend#DJL}) is {@code {"model": <ModelConfig>,
 * "domain": …}} with no {@code backend} field (the field's absence means {@code djl}, so older models stay
 * readable), beside {@code parameters.bin} (named NDList), {@code tokenizer.json} and {@code metrics.jsonl}.
 * A model handed off to an external command ({@link Backend#COMMAND}, {@code quarry train --backend command})
 * has {@code {"backend": "command", "model_id": …, "base_model": …, …}} in {@code config.json}, beside
 * {@code job_spec.json}, {@code axolotl.yaml}, {@code llamafactory.yaml}, {@code external.log} and the
 * command's own files under {@code output/}; Quarry cannot load such a model itself ({@link #readConfig}
 * says so and how to evaluate it). Which model is the latest is {@link ModelRegistry}'s business.
 */
public final class ModelFiles {

  public static final String PARAMETERS = "parameters.bin";
  public static final String TOKENIZER = "tokenizer.json";
  public static final String CONFIG = "config.json";
  public static final String METRICS = "metrics.jsonl";
  public static final String CARD = "MODEL_CARD.md";
  /** The job spec the external command received ({@link Backend#COMMAND}). */
  public static final String JOB_SPEC = "job_spec.json";
  /** Axolotl configuration written for the external command. */
  public static final String AXOLOTL_CONFIG = "axolotl.yaml";
  /** LLaMA-Factory configuration written for the external command. */
  public static final String LLAMAFACTORY_CONFIG = "llamafactory.yaml";
  /** Standard output and error of the external command. */
  public static final String EXTERNAL_LOG = "external.log";
  /** Folder holding what the external command wrote (its {@code {output}}). */
  public static final String OUTPUT_DIR = "output";
  /** The {@code config.json} field naming the backend; absent for {@link Backend#DJL}. */
  public static final String BACKEND_FIELD = "backend";
  static final ObjectMapper JSON = new ObjectMapper();

  private ModelFiles() {}

  /** How a registered model was trained, as {@code config.json}'s {@code backend} spells it. */
  public enum Backend {
    /** The embedded DJL trainer: Quarry loads and runs the model itself. */
    DJL("djl"),
    /** An external command (GPU job); Quarry registers its output but cannot run it. */
    COMMAND("command");

    private final String id;

    Backend(String id) {
      this.id = id;
    }

    /** The spelling in {@code config.json} and {@code --backend}. */
    public String id() {
      return id;
    }

    /**
     * The backend spelled {@code id}; a missing field ({@code null}) is {@link #DJL}.
     *
     * @throws IllegalArgumentException for an unknown spelling
     */
    public static Backend of(String id) {
      if (id == null) {
        return DJL;
      }
      for (Backend b : values()) {
        if (b.id.equals(id)) {
          return b;
        }
      }
      throw new IllegalArgumentException("unknown model backend '" + id + "' (known: djl, command)");
    }
  }

  /** Stored configuration of an embedded model: the model size and the domain it was trained for. */
  public record StoredConfig(ModelConfig model, String domain) {}

  /** Writes {@code config.json} of an embedded model. */
  public static void writeConfig(Path dir, ModelConfig c, String domain) {
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(CONFIG).toFile(), new StoredConfig(c, domain));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The backend that trained the model in {@code dir}.
   *
   * @throws IllegalArgumentException when {@code config.json} cannot be read or names an unknown backend
   */
  public static Backend backend(Path dir) {
    return Backend.of(readTree(dir).path(BACKEND_FIELD).textValue());
  }

  /**
   * Reads {@code config.json} of an embedded model.
   *
   * @throws ExternalModelException when the directory holds a model trained by an external command
   * @throws IllegalArgumentException when {@code config.json} cannot be read
   */
  public static StoredConfig readConfig(Path dir) {
    JsonNode tree = readTree(dir);
    if (Backend.of(tree.path(BACKEND_FIELD).textValue()) == Backend.COMMAND) {
      throw new ExternalModelException(dir, tree.path("model_id").asText(dir.getFileName().toString()),
          tree.path("base_model").asText("?"));
    }
    try {
      return JSON.treeToValue(tree, StoredConfig.class);
    } catch (IOException e) {
      throw notAModel(dir, e);
    }
  }

  /**
   * Checks that {@code dir} holds a model Quarry can load itself.
   *
   * @throws ExternalModelException when it holds a model trained by an external command
   * @throws IllegalArgumentException when {@code config.json} cannot be read
   */
  public static void requireEmbedded(Path dir) {
    readConfig(dir);
  }

  private static JsonNode readTree(Path dir) {
    try {
      return JSON.readTree(dir.resolve(CONFIG).toFile());
    } catch (IOException e) {
      throw notAModel(dir, e);
    }
  }

  private static IllegalArgumentException notAModel(Path dir, IOException e) {
    return new IllegalArgumentException("Not a model directory (cannot read " + dir.resolve(CONFIG) + "): "
        + e.getMessage(), e);
  }

  /**
   * Resolves a {@code --model} value: a directory, or {@code latest} / a models dir holding
   * {@link ModelRegistry#LATEST_FILE}.
   *
   * @throws IllegalArgumentException naming the path when there is no model
   */
  public static Path resolve(Path modelsDir, String model) {
    Path p = model.equals(ModelRegistry.LATEST_LINK) ? modelsDir : Path.of(model);
    if (Files.isRegularFile(p.resolve(ModelRegistry.LATEST_FILE))) {
      try {
        p = p.resolve(Files.readString(p.resolve(ModelRegistry.LATEST_FILE)).trim());
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
}
