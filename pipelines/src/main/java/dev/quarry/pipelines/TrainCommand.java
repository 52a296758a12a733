package dev.quarry.pipelines;

import dev.quarry.core.workspace.StageRunner;
import dev.quarry.train.DjlTrainer;
import dev.quarry.train.InvalidSettingException;
import dev.quarry.train.ModelFiles;
import dev.quarry.train.TrainSetting;
import dev.quarry.train.TrainSettings;
import java.util.EnumMap;
import java.util.Map;
import dev.quarry.train.handoff.DatasetShards;
import dev.quarry.train.handoff.HandoffResult;
import dev.quarry.train.handoff.HandoffSettings;
import dev.quarry.train.handoff.HandoffTrainer;
import dev.quarry.train.model.ModelConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quarry train}: trains the embedded DJL model (or hands off to an external job).
 *
 * <p>Every default comes from the library that owns it ({@link ModelConfig}, {@link TrainSettings},
 * {@link HandoffSettings}); {@code --epochs}, {@code --lr} and {@code --batch-size} have one default per backend,
 * both named in the help.
 */
@Command(name = "train", header = "Stage 3: train the embedded model, or hand the shards to an external GPU job.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Stage 3: trains a text-to-SQL model on the dataset into <workspace>/models/<model-id>/",
      "and points <workspace>/models/LATEST at it. Options marked [djl] apply to the embedded trainer only,",
      "[command] to the hand-off only; --epochs, --lr and --batch-size apply to both, with a default for each."})
public final class TrainCommand implements Callable<Integer> {

  /** Reads {@code --backend} as the model directory's {@link ModelFiles.Backend} spelling (djl, command). */
  static final class BackendConverter implements CommandLine.ITypeConverter<ModelFiles.Backend> {
    @Override
    public ModelFiles.Backend convert(String value) {
      try {
        return ModelFiles.Backend.of(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Mixin DataOptions data;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "djl", converter = BackendConverter.class,
      description = "Trainer: djl (embedded transformer, trained in this JVM) or command (hand-off to an external "
          + "job, see --command) (default: ${DEFAULT-VALUE}).")
  ModelFiles.Backend backend;

  @Option(names = "--dataset", paramLabel = "DIR",
      description = "Dataset dir (default: the workspace's dataset for --domain/--seed/--scale).")
  Path dataset;

  @Option(names = "--model-id", paramLabel = "ID",
      description = "Output name under models/ (default: djl-<domain>-s<seed>-x<scale> for djl; "
          + "<dataset>-<adapter>-<base model> for command).")
  String modelId;

  // Both backends: no defaultValue, so that a value not given takes the chosen backend's default.

  @Option(names = "--epochs", paramLabel = "N",
      description = "Passes over the training split; djl may stop earlier (--patience, --max-steps) "
          + "(default: " + TrainSettings.Schedule.DEFAULT_EPOCHS + " for djl, " + HandoffSettings.DEFAULT_EPOCHS + " for command).")
  Integer epochs;

  @Option(names = "--lr", paramLabel = "RATE",
      description = "Peak learning rate (default: " + TrainSettings.Optimizer.DEFAULT_LEARNING_RATE + " for djl, "
          + HandoffSettings.DEFAULT_LEARNING_RATE + " for command).")
  Double lr;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Pairs per step; for command the per-device micro batch "
          + "(default: " + TrainSettings.Schedule.DEFAULT_BATCH_SIZE + " for djl, " + HandoffSettings.DEFAULT_BATCH_SIZE
          + " for command).")
  Integer batch;

  @Option(names = "--d-model", paramLabel = "N", defaultValue = "" + ModelConfig.DEFAULT_D_MODEL,
      description = "[djl] Width of the residual stream; divisible by --heads (default: ${DEFAULT-VALUE}).")
  int dModel;

  @Option(names = "--layers", paramLabel = "N", defaultValue = "" + ModelConfig.DEFAULT_LAYERS,
      description = "[djl] Decoder layers (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--heads", paramLabel = "N", defaultValue = "" + ModelConfig.DEFAULT_HEADS,
      description = "[djl] Attention heads (default: ${DEFAULT-VALUE}).")
  int heads;

  @Option(names = "--ffn", paramLabel = "N", defaultValue = "" + ModelConfig.DEFAULT_FFN,
      description = "[djl] Hidden width of the feed-forward sub-layer (default: ${DEFAULT-VALUE}).")
  int ffn;

  @Option(names = "--dropout", paramLabel = "P", defaultValue = "" + ModelConfig.DEFAULT_DROPOUT,
      description = "[djl] Dropout rate in [0, 1) (default: ${DEFAULT-VALUE}).")
  double dropout;

  @Option(names = "--max-question", paramLabel = "TOKENS", defaultValue = "" + ModelConfig.DEFAULT_MAX_QUESTION,
      description = "[djl] Question tokens kept; longer questions are cut (default: ${DEFAULT-VALUE}).")
  int maxQuestion;

  @Option(names = "--max-sql", paramLabel = "TOKENS", defaultValue = "" + ModelConfig.DEFAULT_MAX_SQL,
      description = "[djl] SQL tokens; pairs with longer SQL are not trained on, decoding stops there "
          + "(default: ${DEFAULT-VALUE}).")
  int maxSql;

  @Option(names = "--pretrained-features", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "[djl] Add the frozen pretrained encoder's per-token vectors (all-MiniLM-L6-v2, shipped in the "
          + "jar) to the question's input embeddings, so words no template used still carry meaning; "
          + "--no-pretrained-features trains on the word embeddings alone (default: ${DEFAULT-VALUE}).")
  boolean pretrainedFeatures;

  @Option(names = "--warmup", paramLabel = "STEPS", defaultValue = "" + TrainSettings.Schedule.DEFAULT_WARMUP_STEPS,
      description = "[djl] Linear warm-up steps, then cosine decay to 10%% of --lr (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--max-steps", paramLabel = "N", defaultValue = "" + TrainSettings.Schedule.DEFAULT_MAX_STEPS,
      description = "[djl] Stop after this many steps; 0 = no limit (default: ${DEFAULT-VALUE}).")
  long maxSteps;

  @Option(names = "--patience", paramLabel = "EPOCHS", defaultValue = "" + TrainSettings.Evaluation.DEFAULT_PATIENCE,
      description = "[djl] Early stopping: epochs without validation improvement before stopping; 0 = off "
          + "(default: ${DEFAULT-VALUE}).")
  int patience;

  @Option(names = "--clip", paramLabel = "NORM", defaultValue = "" + TrainSettings.Optimizer.DEFAULT_CLIP_NORM,
      description = "[djl] Gradient clipping global norm; <= 0 = off (default: ${DEFAULT-VALUE}).")
  double clip;

  @Option(names = "--checkpoint-every", paramLabel = "STEPS", defaultValue = "" + TrainSettings.Schedule.DEFAULT_CHECKPOINT_EVERY,
      description = "[djl] Steps between checkpoints; 0 = only at epoch ends (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(names = "--val-ex-sample", paramLabel = "N", defaultValue = "" + TrainSettings.Evaluation.DEFAULT_VALIDATION_EX_SAMPLE,
      description = "[djl] Validation questions decoded per epoch for execution accuracy; 0 = skip "
          + "(default: ${DEFAULT-VALUE}).")
  int valEx;

  @Option(names = "--test-ex-sample", paramLabel = "N", defaultValue = "" + TrainSettings.Evaluation.DEFAULT_TEST_EX_SAMPLE,
      description = "[djl] Test questions decoded at the end; 0 = skip, -1 = all (default: ${DEFAULT-VALUE}).")
  int testEx;

  @Option(names = "--resume",
      description = "[djl] Insist on resuming: fail when the checkpoint of --model-id was made with other inputs or "
          + "settings. Without it an interrupted run resumes anyway when the dataset and settings are the same, "
          + "and starts from step 0 (saying why) when they differ (default: off).")
  boolean resume;

  @Mixin HandoffOptions handoff;
  @Mixin ForceOption force;

  /**
   * The {@code quarry run} stage: trains with the default settings (or skips when an up-to-date model
   * exists, unless {@code force}) and returns the result; progress lines go to {@code log}.
   */
  static DjlTrainer.Result trainStage(DataOptions data, boolean force, String commandLine, java.io.PrintStream log) {
    TrainCommand c = new TrainCommand();
    new CommandLine(c).parseArgs();
    c.data = data;
    c.force = ForceOption.of(force);
    c.commandLine = commandLine;
    return DjlTrainer.run(c.settings(), log::println);
  }

  private String commandLine;

  /** Builds the embedded trainer's settings (validated) from the options. */
  TrainSettings settings() {
    var ws = data.workspace();
    String id = modelId != null ? modelId
        : "djl-" + dev.quarry.core.workspace.Workspace.dataKey(data.domain, data.seed, data.scale());
    try {
      return new TrainSettings(datasetDir(), ws.seedDir(data.domain, data.seed, data.scale()), data.domain,
          ws.root().resolve("models"), id,
          new ModelConfig(dModel, layers, heads, ffn, dropout, maxQuestion, maxSql, 0,
              pretrainedFeatures ? ModelConfig.PRETRAINED_FEATURES : 0),
          new TrainSettings.Optimizer(lr != null ? lr : TrainSettings.Optimizer.DEFAULT_LEARNING_RATE, clip),
          new TrainSettings.Schedule(batch != null ? batch : TrainSettings.Schedule.DEFAULT_BATCH_SIZE,
              epochs != null ? epochs : TrainSettings.Schedule.DEFAULT_EPOCHS, maxSteps, warmup, checkpointEvery),
          new TrainSettings.Evaluation(patience, valEx, testEx),
          data.seed, resume, force.isSet(), commandLine != null ? commandLine : Commands.commandLine(spec)).validate();
    } catch (InvalidSettingException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '" + OPTION_OF.get(e.setting()) + "': " + e.problem());
    }
  }

  /** The option that sets each training setting: the command line, not the library, names its flags. */
  static final Map<TrainSetting, String> OPTION_OF = new EnumMap<>(Map.ofEntries(
      Map.entry(TrainSetting.D_MODEL, "--d-model"), Map.entry(TrainSetting.LAYERS, "--layers"),
      Map.entry(TrainSetting.HEADS, "--heads"), Map.entry(TrainSetting.FFN, "--ffn"),
      Map.entry(TrainSetting.DROPOUT, "--dropout"), Map.entry(TrainSetting.MAX_QUESTION, "--max-question"),
      Map.entry(TrainSetting.MAX_SQL, "--max-sql"), Map.entry(TrainSetting.QUESTION_FEATURES, "--pretrained-features"), Map.entry(TrainSetting.LEARNING_RATE, "--lr"),
      Map.entry(TrainSetting.WARMUP_STEPS, "--warmup"), Map.entry(TrainSetting.BATCH_SIZE, "--batch-size"),
      Map.entry(TrainSetting.EPOCHS, "--epochs"), Map.entry(TrainSetting.MAX_STEPS, "--max-steps"),
      Map.entry(TrainSetting.CHECKPOINT_EVERY, "--checkpoint-every"), Map.entry(TrainSetting.PATIENCE, "--patience"),
      Map.entry(TrainSetting.VALIDATION_EX_SAMPLE, "--val-ex-sample"),
      Map.entry(TrainSetting.TEST_EX_SAMPLE, "--test-ex-sample"), Map.entry(TrainSetting.MODEL_ID, "--model-id")));

  private Path datasetDir() {
    return dataset != null ? dataset : data.workspace().datasetDir(data.domain, data.seed, data.scale());
  }

  @Override
  public Integer call() {
    UsageException.check(spec, () -> {
      StageRunner.ensureWritable(data.workspace().root().resolve("models"));
      DatasetShards.requireDirectory(datasetDir());
    });
    if (backend == ModelFiles.Backend.COMMAND) {
      HandoffSettings hs = handoff.toSettings(spec.commandLine(), datasetDir(), data.workspace().root().resolve("models"),
          data.seed, force.isSet(), Commands.commandLine(spec), new HandoffOptions.Shared(modelId, epochs, lr, batch));
      HandoffResult r = HandoffTrainer.run(hs);
      System.out.println(r.describe());
      return r.registered() ? QuarryCli.EXIT_OK : QuarryCli.EXIT_FAILED;
    }
    DjlTrainer.Result r = DjlTrainer.run(settings(), System.err::println);
    System.out.println("train   " + r.modelDir() + (r.skipped() ? " (up to date)" : String.format(
        " steps %d, %.0f s, %.0f tokens/s, test execution accuracy %.1f%%", r.steps(), r.wallSeconds(),
        r.tokensPerSecond(), 100 * r.testExecutionAccuracy())));
    return QuarryCli.EXIT_OK;
  }
}
