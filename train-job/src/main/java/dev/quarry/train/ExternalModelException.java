package dev.quarry.train;

import java.nio.file.Path;

/**
 * The model asked for was trained by an external command ({@code quarry train --backend command}): Quarry
 * registered its files but cannot load it itself. The message says so and how to evaluate it instead
 * (serve it with an OpenAI-compatible server and use {@code --model openai:<base url>}).
 */
public final class ExternalModelException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String modelId;

  /**
   * @param dir the model directory
   * @param modelId its id ({@code config.json}'s {@code model_id})
   * @param baseModel the base model the command fine-tuned
   */
  public ExternalModelException(Path dir, String modelId, String baseModel) {
    super("model " + modelId + " (" + dir + ") is an external model, trained by 'quarry train --backend command'"
        + " from " + baseModel + "; Quarry cannot load it itself. Serve its files (" + dir.resolve(ModelFiles.OUTPUT_DIR)
        + ") with an OpenAI-compatible server (vLLM, llama.cpp, Ollama), then evaluate it with"
        + " 'quarry eval --model openai:<base url> --model-name " + modelId + "'");
    this.modelId = modelId;
  }

  /** The external model's id. */
  public String modelId() {
    return modelId;
  }
}
