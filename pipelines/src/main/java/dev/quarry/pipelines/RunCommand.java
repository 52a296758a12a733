package dev.quarry.pipelines;

import dev.quarry.core.workspace.StageRunner;
import dev.quarry.eval.run.EvalOutcome;
import dev.quarry.reports.ReportPublisher;
import dev.quarry.train.DjlTrainer;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code quarry run}: the main job, every stage in order on embedded defaults. */
@Command(name = "run", header = "The main job: seed -> synth -> train -> eval -> report on embedded defaults.", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "The main job: runs every stage in order (seed -> synth -> train -> eval -> report) on the Direct",
      "runner (or --runner flink) with the built-in domain, embedded DuckDB and the embedded DJL model,",
      "skipping stages whose outputs are up to date, and ends with EX, test-suite accuracy and the path of the",
      "report. --force redoes every stage."
    })
final class RunCommand implements Callable<Integer> {

  @Mixin DataOptions data;
  @Mixin RunnerOptions runner;
  @Mixin SynthSettings settings;
  @Mixin ForceOption force;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    settings.validate();
    UsageException.check(spec, data::requireWritableWorkspace);
    String cmd = Commands.commandLine(spec);
    long start = System.nanoTime();
    Progress.stage(1, 5, "seed");
    StageRunner.StageResult seed = Stages.seed(data, runner, cmd, force.isSet());
    Progress.stage(2, 5, "synth");
    StageRunner.StageResult synth = Stages.synth(data, runner, settings, seed.dir(), cmd, force.isSet());
    Progress.stage(3, 5, "train");
    DjlTrainer.Result model = Stages.train(data, force.isSet(), cmd, System.err);
    Progress.stage(4, 5, "eval");
    EvalOutcome eval = EvalStage.run(data, runner, EvalStage.Settings.defaults(data, null), cmd);
    Progress.stage(5, 5, "report");
    ReportPublisher.Result report = ReportPublisher.publish(data.workspace().root(), force.isSet(), cmd);
    System.out.println();
    System.out.printf("Quarry run finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
    System.out.println("seed    " + Stages.describe(seed));
    System.out.println("synth   " + Stages.describe(synth));
    System.out.println("train   " + model.modelDir() + (model.skipped() ? "  (up to date)" : String.format(
        "  (%d steps, %.0f s, %.0f tokens/s, test-split EX %.1f%%)", model.steps(), model.wallSeconds(),
        model.tokensPerSecond(), 100 * model.testExecutionAccuracy())));
    System.out.println("eval    " + eval.runDir());
    System.out.println("report  " + report.siteDir().resolve("index.html"));
    Summary.printSeed(seed);
    Summary.printDataset(synth);
    System.out.println();
    System.out.println("query bank: " + eval.headline());
    System.out.println("report:     " + report.siteDir().resolve("index.html"));
    return QuarryCli.EXIT_OK;
  }
}
