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
      "report. --force redoes every stage.",
      "--source SOURCE --name NAME runs on your own database: 'quarry domain init' first when",
      "domains/NAME/domain.json does not exist yet, then every stage on that domain. The eval stage scores the",
      "bank the domain file declares (\"bank\": {\"path\": FILE}); a domain without one skips the eval stage and",
      "says how to add one; the report stage is skipped too while the workspace holds no evaluation."
    })
final class RunCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @CommandLine.Option(names = "--source", paramLabel = "SOURCE",
      description = "Your own database (duckdb:PATH, sqlite:PATH, parquet:DIR, csv:DIR, postgresql://HOST[:PORT]/DB):"
          + " imported with 'quarry domain init' into domains/<NAME>/domain.json when that file does not exist yet,"
          + " then used as --domain; needs --name (default: none: --domain is used).")
  String source;

  @CommandLine.Option(names = "--name", paramLabel = "NAME",
      description = "With --source: the imported domain's name (default: none).")
  String name;
  @Mixin RunnerOptions runner;
  @Mixin SynthSettings settings;
  @Mixin SnapshotOption snapshot;
  @Mixin ForceOption force;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    settings.validate();
    UsageException.check(spec, data::requireWritableWorkspace);
    snapshot.applyTo(data);
    useSource(System.out, java.nio.file.Path.of(""));
    UsageException.check(spec, () -> EvalStage.unreadableDeclaredBank(
        dev.quarry.core.domain.DomainLoader.load(data.domain), data.domain, null).ifPresent(m -> {
          throw new IllegalArgumentException(m);
        }));
    String cmd = Commands.commandLine(spec);
    long start = System.nanoTime();
    Progress.stage(1, 5, "seed");
    StageRunner.StageResult seed = Stages.seed(data, runner, cmd, force.isSet());
    Progress.stage(2, 5, "synth");
    StageRunner.StageResult synth = Stages.synth(data, runner, settings, seed.dir(), cmd, force.isSet());
    Progress.stage(3, 5, "train");
    DjlTrainer.Result model = Stages.train(data, force.isSet(), cmd, System.err);
    Progress.stage(4, 5, "eval");
    java.util.Optional<String> noBank = EvalStage.missingBank(dev.quarry.core.domain.DomainLoader.load(data.domain),
        data.domain, null);
    EvalOutcome eval = noBank.isPresent() ? null
        : EvalStage.run(data, runner, EvalStage.Settings.defaults(data, null), cmd);
    noBank.ifPresent(m -> System.err.println("eval: skipped: " + m));
    Progress.stage(5, 5, "report");
    java.util.Optional<String> noReport = reportSkipped(data.workspace().root());
    ReportPublisher.Result report = noReport.isPresent() ? null
        : ReportPublisher.publish(data.workspace().root(), force.isSet(), cmd);
    noReport.ifPresent(m -> System.err.println("report: skipped: " + m));
    String site = report == null ? "skipped (no evaluation yet)" : report.siteDir().resolve("index.html").toString();
    System.out.println();
    System.out.printf("Quarry run finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
    System.out.println("seed    " + Stages.describe(seed));
    System.out.println("synth   " + Stages.describe(synth));
    System.out.println("train   " + model.modelDir() + (model.skipped() ? "  (up to date)" : String.format(
        "  (%d steps, %.0f s, %.0f tokens/s, test-split EX %.1f%%)", model.steps(), model.wallSeconds(),
        model.tokensPerSecond(), 100 * model.testExecutionAccuracy())));
    System.out.println("eval    " + (eval == null ? "skipped (no query bank)" : eval.runDir()));
    System.out.println("report  " + site);
    Summary.printSeed(seed);
    Summary.printDataset(synth);
    System.out.println();
    System.out.println("query bank: " + (eval == null ? noBank.get() : eval.headline()));
    System.out.println("report:     " + site);
    return QuarryCli.EXIT_OK;
  }

  /**
   * Why the report stage has nothing to publish, or empty when it has: the report shows the workspace's evaluation
   * history, and a workspace whose only domain has no query bank (so the eval stage was skipped) has none yet.
   *
   * @param workspaceRoot the workspace
   * @return a message naming the missing history file and what makes it, or empty when the file exists
   */
  static java.util.Optional<String> reportSkipped(java.nio.file.Path workspaceRoot) {
    java.nio.file.Path history = dev.quarry.eval.results.HistoryDb.inWorkspace(workspaceRoot).file();
    if (java.nio.file.Files.isRegularFile(history)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("no evaluation in this workspace yet (" + history + " is missing); after 'quarry eval"
        + " --domain FILE --bank FILE', 'quarry report --workspace " + workspaceRoot + "' publishes it");
  }

  /**
   * With {@code --source}: makes {@code --name}'s domain file ({@code domains/<NAME>/domain.json}) with
   * {@code quarry domain init} when it does not exist yet, and points the data options at it; prints what it did
   * to {@code out}. Without {@code --source}: nothing. The file's path is resolved against {@code root} (the working
   * directory, like {@code domain init}'s default).
   *
   * @throws CommandLine.ParameterException when {@code --source} comes without {@code --name}, with
   *     {@code --domain}, or {@code --name} without {@code --source}
   */
  void useSource(java.io.PrintStream out, java.nio.file.Path root) {
    if (source == null) {
      if (name != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--name needs --source");
      }
      return;
    }
    if (name == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--source needs --name (the domain's name)");
    }
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed != null && parsed.hasMatchedOption("--domain")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Give either --source and --name, or --domain");
    }
    java.nio.file.Path file = root.resolve(DomainInitCommand.defaultTarget(name));
    if (java.nio.file.Files.isRegularFile(file)) {
      out.println("domain  " + file + " exists: using it (delete it, or run 'quarry domain init --force', to import"
          + " the source again)");
    } else {
      UsageException.check(spec, () -> {
        dev.quarry.core.domain.init.Identifiers.requireValid(java.util.List.of(name), "--name");
        dev.quarry.core.domain.init.SourceSpec.parse(source);
      });
      DomainInitCommand.initDomain(source, name, file, out);
    }
    data.domain = file.toString();
  }
}
