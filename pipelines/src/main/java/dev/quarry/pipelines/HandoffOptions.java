package dev.quarry.pipelines;

import dev.quarry.train.handoff.Durations;
import dev.quarry.train.handoff.HandoffSettings;
import dev.quarry.train.handoff.LoraSettings;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Options of {@code quarry train --backend command} (a picocli {@code @Mixin}); each is marked
 * {@code [command]} in the help. The options both backends read ({@code --model-id}, {@code --epochs},
 * {@code --lr}, {@code --batch-size}) are declared once, in {@link TrainCommand}, and passed to
 * {@link #toSettings} as {@link Shared}: one not given is null there, and then takes the hand-off's own default
 * ({@link HandoffSettings#DEFAULT_EPOCHS} and so on, which differ from the embedded trainer's and are both shown
 * in the help). Defaults come from {@link HandoffSettings} and {@link LoraSettings}.
 */
public final class HandoffOptions {

  @Option(names = "--command", paramLabel = "TEMPLATE",
      description = "[command] External training command (required with --backend command; no default). Split into "
          + "arguments like a shell would (quotes, backslashes; no pipes or variables), then {spec}, {dataset}, "
          + "{output}, {model_id}, {axolotl}, {llamafactory} are replaced inside each argument; values with spaces "
          + "stay one argument. E.g. \"llamafactory-cli train {llamafactory}\" or \"sbatch --wait train.sbatch {spec}\".")
  String command;

  @Option(names = "--base-model", paramLabel = "ID", defaultValue = HandoffSettings.DEFAULT_BASE_MODEL,
      description = "[command] Base model id or path (default: ${DEFAULT-VALUE}).")
  String baseModel;

  @Option(names = "--lora-r", paramLabel = "N", defaultValue = "" + LoraSettings.DEFAULT_R,
      description = "[command] LoRA rank (default: ${DEFAULT-VALUE}).")
  int loraR;

  @Option(names = "--lora-alpha", paramLabel = "X", defaultValue = "" + LoraSettings.DEFAULT_ALPHA,
      description = "[command] LoRA alpha (default: ${DEFAULT-VALUE}).")
  double loraAlpha;

  @Option(names = "--lora-dropout", paramLabel = "P", defaultValue = "" + LoraSettings.DEFAULT_DROPOUT,
      description = "[command] LoRA dropout (default: ${DEFAULT-VALUE}).")
  double loraDropout;

  @Option(names = "--lora-targets", paramLabel = "M,M", split = ",", defaultValue = LoraSettings.DEFAULT_TARGET_NAMES,
      description = "[command] Modules that get adapters (default: ${DEFAULT-VALUE}).")
  List<String> loraTargets;

  @Option(names = "--load-in-4bit", negatable = true, defaultValue = "" + LoraSettings.DEFAULT_LOAD_IN_4BIT,
      fallbackValue = "true",
      description = "[command] Load the base model in 4-bit (QLoRA); --no-load-in-4bit for plain LoRA "
          + "(default: ${DEFAULT-VALUE}).")
  boolean loadIn4bit;

  @Option(names = "--max-seq-len", paramLabel = "TOKENS", defaultValue = "" + HandoffSettings.DEFAULT_MAX_SEQ_LEN,
      description = "[command] Maximum tokens per example, in the base model's tokens (default: ${DEFAULT-VALUE}).")
  int maxSeqLen;

  @Option(names = "--chat-template", paramLabel = "NAME", defaultValue = HandoffSettings.DEFAULT_CHAT_TEMPLATE,
      description = "[command] LLaMA-Factory chat template matching the base model (default: ${DEFAULT-VALUE}).")
  String chatTemplate;

  @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = HandoffSettings.DEFAULT_TIME_LIMIT_TEXT,
      description = "[command] Kill the external command (and its child processes) after this long: 90s, 45m, 24h, "
          + "2d, PT24H (default: ${DEFAULT-VALUE}).")
  String timeLimit;

  @Option(names = "--log-prefix", paramLabel = "TEXT", defaultValue = HandoffSettings.DEFAULT_LOG_PREFIX,
      description = "[command] Prefix of the external command's lines in the log (default: '${DEFAULT-VALUE}').")
  String logPrefix;

  /**
   * The options {@link TrainCommand} declares for both backends; any null ⇒ the hand-off default (model id
   * derived from the dataset and base model, {@link HandoffSettings#DEFAULT_EPOCHS} epochs,
   * {@link HandoffSettings#DEFAULT_LEARNING_RATE}, batch {@link HandoffSettings#DEFAULT_BATCH_SIZE}).
   *
   * @param modelId model id ({@code --model-id})
   * @param epochs epochs ({@code --epochs})
   * @param learningRate learning rate ({@code --lr})
   * @param batchSize micro batch size ({@code --batch-size})
   */
  public record Shared(String modelId, Integer epochs, Double learningRate, Integer batchSize) {
    /** All defaults. */
    public static Shared none() {
      return new Shared(null, null, null, null);
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
   * @param shared options declared by {@link TrainCommand}
   * @return the validated settings
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
        maxSeqLen, chatTemplate, seed, command, Durations.parse(timeLimit, "--time-limit"), logPrefix, force,
        commandLine);
  }

  /**
   * Wraps {@link #toSettings(Path, Path, long, boolean, String, Shared)} so that a bad value becomes a picocli
   * usage error on {@code commandLine}.
   *
   * @param commandLine the command line the error is reported on
   * @param datasetDir dataset directory
   * @param modelsDir registry directory
   * @param seed the run's seed
   * @param force redo even if up to date
   * @param recordedCommand the user's command line for the manifest
   * @param shared options declared by {@link TrainCommand}
   * @return the validated settings
   * @throws CommandLine.ParameterException naming the option at fault
   */
  public HandoffSettings toSettings(CommandLine commandLine, Path datasetDir, Path modelsDir, long seed, boolean force,
      String recordedCommand, Shared shared) {
    try {
      return toSettings(datasetDir, modelsDir, seed, force, recordedCommand, shared);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, e.getMessage(), e);
    }
  }
}
