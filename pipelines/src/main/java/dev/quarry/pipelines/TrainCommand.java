package dev.quarry.pipelines;

import dev.quarry.train.handoff.HandoffResult;
import dev.quarry.train.handoff.HandoffSettings;
import dev.quarry.train.handoff.HandoffTrainer;
import dev.quarry.train.DjlTrainer;
import dev.quarry.train.TrainSettings;
import dev.quarry.train.model.ModelConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quarry train}: trains the embedded DJL model (or hands off to an external job). */
@Command(name = "train", header = "Stage 3: train the embedded model, or hand the shards to an external GPU job.", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Stage 3: trains a text-to-SQL model on the dataset into <workspace>/models/<model-id>/",
      "and points <workspace>/models/LATEST at it."})
public final class TrainCommand implements Callable<Integer> {

  @Mixin DataOptions data;
  @Mixin HandoffOptions handoff;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--backend", defaultValue = "djl", description = "djl (embedded) or command (hand-off).")
  String backend;
  @Option(names = "--dataset", paramLabel = "DIR", description = "Dataset dir (default: the workspace's for seed/scale).")
  Path dataset;
  @Option(names = "--model-id", paramLabel = "ID",
      description = "Output name under models/ (default: djl-<domain>-s<seed>-x<scale>).") String modelId;
  @Option(names = "--d-model", defaultValue = "128") int dModel;
  @Option(names = "--layers", defaultValue = "3") int layers;
  @Option(names = "--heads", defaultValue = "4") int heads;
  @Option(names = "--ffn", defaultValue = "512") int ffn;
  @Option(names = "--dropout", defaultValue = "0.1") double dropout;
  @Option(names = "--max-question", defaultValue = "40") int maxQuestion;
  @Option(names = "--max-sql", defaultValue = "96") int maxSql;
  @Option(names = "--lr", defaultValue = "1e-3") double lr;
  @Option(names = "--warmup", defaultValue = "200") int warmup;
  @Option(names = "--batch-size", defaultValue = "64") int batch;
  @Option(names = "--epochs", defaultValue = "6") int epochs;
  @Option(names = "--max-steps", defaultValue = "0") long maxSteps;
  @Option(names = "--patience", defaultValue = "2") int patience;
  @Option(names = "--clip", defaultValue = "1.0") double clip;
  @Option(names = "--checkpoint-every", defaultValue = "200") int checkpointEvery;
  @Option(names = "--val-ex-sample", defaultValue = "300") int valEx;
  @Option(names = "--test-ex-sample", defaultValue = "1000") int testEx;
  @Option(names = "--resume", description = "Continue the run of --model-id from its last checkpoint.") boolean resume;

  /**
   * The {@code quarry run} stage: trains with the default settings (or skips when an up-to-date model
   * exists) and returns the result; progress lines go to stderr.
   */
  static DjlTrainer.Result trainStage(DataOptions data, String commandLine, java.io.PrintStream log) {
    TrainCommand c = new TrainCommand();
    new CommandLine(c).parseArgs();
    c.data = data;
    c.commandLine = commandLine;
    return DjlTrainer.run(c.settings(), log::println);
  }

  private String commandLine;

  /** Builds the settings (validated) from the options. */
  TrainSettings settings() {
    var ws = data.workspace();
    String id = modelId != null ? modelId : "djl-" + dev.quarry.core.workspace.Workspace.dataKey(data.domain, data.seed, data.scale());
    Path ds = dataset != null ? dataset : ws.datasetDir(data.domain, data.seed, data.scale());
    return new TrainSettings(ds, ws.seedDir(data.domain, data.seed, data.scale()), data.domain,
        ws.root().resolve("models"), id,
        new ModelConfig(dModel, layers, heads, ffn, dropout, maxQuestion, maxSql, 0), lr, warmup, batch, epochs,
        maxSteps, patience, clip, checkpointEvery, valEx, testEx, data.seed, resume, data.force,
        commandLine != null ? commandLine : Commands.commandLine(spec)).validate();
  }

  @Override
  public Integer call() {
    if (backend.equals("command")) {
      var ws = data.workspace();
      Path ds = dataset != null ? dataset : ws.datasetDir(data.domain, data.seed, data.scale());
      CommandLine.ParseResult pr = spec.commandLine().getParseResult();
      HandoffOptions.Shared shared = new HandoffOptions.Shared(modelId,
          pr.hasMatchedOption("--epochs") ? epochs : null, pr.hasMatchedOption("--lr") ? lr : null,
          pr.hasMatchedOption("--batch-size") ? batch : null,
          pr.hasMatchedOption("--max-sql") ? maxQuestion + maxSql : null);
      HandoffSettings hs = handoff.toSettings(spec.commandLine(), ds, ws.root().resolve("models"), data.seed,
          data.force, Commands.commandLine(spec), shared);
      HandoffResult r = HandoffTrainer.run(hs);
      System.out.println(r.describe());
      return r.registered() ? QuarryCli.EXIT_OK : QuarryCli.EXIT_FAILED;
    }
    if (!backend.equals("djl")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--backend must be djl or command (was " + backend + ")");
    }
    DjlTrainer.Result r = DjlTrainer.run(settings(), System.err::println);
    System.out.println("train   " + r.modelDir() + (r.skipped() ? " (up to date)" : String.format(
        " steps %d, %.0f s, %.0f tokens/s, test execution accuracy %.1f%%", r.steps(), r.wallSeconds(),
        r.tokensPerSecond(), 100 * r.testExecutionAccuracy())));
    return QuarryCli.EXIT_OK;
  }
}
