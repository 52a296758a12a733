package dev.quarry.pipelines;

import dev.quarry.train.handoff.Durations;
import dev.quarry.train.handoff.HandoffSettings;
import dev.quarry.train.handoff.LoraSettings;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Options of {@code quarry train --backend command} (a picocli {@code @Mixin}). Only the hand-off's own options
 * live here; the options a train command shares with the embedded trainer (model id, epochs, learning rate,
 * batch size, max sequence length) are passed to {@link #toSettings} as {@link Shared} (null ⇒ hand-off default),
 * so the two backends can share one set of flags without picocli duplicate-option errors.
 */
public final class HandoffOptions {

  @Option(names = "--command", paramLabel = "TEMPLATE",
      description = {"External training command (required with --backend command). Split into arguments like a",
          "shell would (quotes, backslashes; no pipes or variables), then {spec}, {dataset}, {output}, {model_id},",
          "{axolotl}, {llamafactory} are replaced inside each argument; values with spaces stay one argument.",
          "E.g. \"llamafactory-cli train {llamafactory}\" or \"sbatch --wait train.sbatch {spec}\"."})
  String command;

  @Option(names = "--base-model", paramLabel = "ID", defaultValue = HandoffSettings.DEFAULT_BASE_MODEL,
      description = "Base model for the external trainer (default: ${DEFAULT-VALUE}).")
  String baseModel;

  @Option(names = "--lora-r", paramLabel = "N", defaultValue = "16", description = "LoRA rank (default: ${DEFAULT-VALUE}).")
  int loraR;

  @Option(names = "--lora-alpha", paramLabel = "X", defaultValue = "32", description = "LoRA alpha (default: ${DEFAULT-VALUE}).")
  double loraAlpha;

  @Option(names = "--lora-dropout", paramLabel = "P", defaultValue = "0.05",
      description = "LoRA dropout (default: ${DEFAULT-VALUE}).")
  double loraDropout;

  @Option(names = "--lora-targets", paramLabel = "M,M", split = ",",
      defaultValue = "q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj",
      description = "Modules that get adapters (default: ${DEFAULT-VALUE}).")
  List<String> loraTargets;

  @Option(names = "--load-in-4bit", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Load the base model in 4-bit (QLoRA); --no-load-in-4bit for plain LoRA (default: ${DEFAULT-VALUE}).")
  boolean loadIn4bit;

  @Option(names = "--chat-template", paramLabel = "NAME", defaultValue = HandoffSettings.DEFAULT_CHAT_TEMPLATE,
      description = "LLaMA-Factory chat template matching the base model (default: ${DEFAULT-VALUE}).")
  String chatTemplate;

  @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "24h",
      description = "Kill the external command (and its child processes) after this long: 90s, 45m, 24h, 2d, PT24H "
          + "(default: ${DEFAULT-VALUE}).")
  String timeLimit;

  @Option(names = "--log-prefix", paramLabel = "TEXT", defaultValue = HandoffSettings.DEFAULT_LOG_PREFIX,
      description = "Prefix of the external command's lines in the log (default: '${DEFAULT-VALUE}').")
  String logPrefix;

  /**
   * Options shared with the embedded trainer; any null ⇒ the hand-off default (model id derived from the
   * dataset and base model, 2 epochs, lr 2e-4, batch 4, 2048 tokens).
   *
   * @param modelId model id
   * @param epochs epochs
   * @param learningRate learning rate
   * @param batchSize micro batch size
   * @param maxSeqLen max sequence length
   */
  public record Shared(String modelId, Integer epochs, Double learningRate, Integer batchSize, Integer maxSeqLen) {
    /** All defaults. */
    public static Shared none() {
      return new Shared(null, null, null, null, null);
    }
  }

  /**
   * Builds the settings.
   *
   * @param datasetDir dataset directory ({@code Workspace.datasetDir(...)})
   * @param modelsDir registry directory ({@code <workspace>/models})
   * @param seed the run's seed
   * @param force redo even if up to date
   * @param commandLine the user's command line for the manifest
   * @param shared shared training options
   * @throws IllegalArgumentException naming the option at fault (e.g. {@code --command} missing)
   */
  public HandoffSettings toSettings(Path datasetDir, Path modelsDir, long seed, boolean force, String commandLine,
      Shared shared) {
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException(
          "--command is required with --backend command, e.g. --command \"llamafactory-cli train {llamafactory}\"");
    }
    return new HandoffSettings(datasetDir, modelsDir, shared.modelId(), baseModel,
        new LoraSettings(loraR, loraAlpha, loraDropout, loraTargets, loadIn4bit),
        shared.learningRate() != null ? shared.learningRate() : HandoffSettings.DEFAULT_LEARNING_RATE,
        shared.epochs() != null ? shared.epochs() : HandoffSettings.DEFAULT_EPOCHS,
        shared.batchSize() != null ? shared.batchSize() : HandoffSettings.DEFAULT_BATCH_SIZE,
        shared.maxSeqLen() != null ? shared.maxSeqLen() : HandoffSettings.DEFAULT_MAX_SEQ_LEN,
        chatTemplate, seed, command, Durations.parse(timeLimit, "--time-limit"), logPrefix, force, commandLine);
  }

  /** Wraps {@link #toSettings} so that a bad value becomes a picocli usage error on {@code spec}'s command line. */
  public HandoffSettings toSettings(CommandLine commandLine, Path datasetDir, Path modelsDir, long seed, boolean force,
      String recordedCommand, Shared shared) {
    try {
      return toSettings(datasetDir, modelsDir, seed, force, recordedCommand, shared);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, e.getMessage(), e);
    }
  }
}
