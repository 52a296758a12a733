package dev.quarry.pipelines;

import dev.quarry.core.workspace.Workspace;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options shared by every data stage: where the workspace is, which domain, seed and scale. */
public final class DataOptions {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--workspace", paramLabel = "DIR", defaultValue = "workspace",
      description = "Workspace directory for all outputs (default: ${DEFAULT-VALUE}).")
  Path workspace;

  @Option(names = "--domain", paramLabel = "NAME|FILE", defaultValue = "education",
      description = "Built-in domain name or path of a domain.json (default: ${DEFAULT-VALUE}).")
  String domain;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Random seed; same seed => byte-identical outputs (default: ${DEFAULT-VALUE}).")
  long seed;

  private int scale = 1;

  @Option(names = "--scale", paramLabel = "N", defaultValue = "1",
      description = "Multiplies the district's size; scale 1 is about 2,900 students a year (default: ${DEFAULT-VALUE}).")
  void setScale(int value) {
    if (value < 1 || value > 10_000) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--scale': " + value + " (must be between 1 and 10000)");
    }
    scale = value;
  }

  @Option(names = "--force", description = "Redo stages even when their outputs are up to date.")
  boolean force;

  @Option(names = "--runner", paramLabel = "RUNNER", defaultValue = "direct",
      description = "Beam runner: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  RunnerKind runner;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0",
      description = "Worker threads for the runner; 0 = number of cores (default: ${DEFAULT-VALUE}).")
  int parallelism;

  /** Defaults for {@code workspace} (domain education, seed 42, scale 1, Direct runner), for jobs built in code. */
  static DataOptions defaults(Path workspace) {
    DataOptions o = new DataOptions();
    o.workspace = workspace;
    o.domain = "education";
    o.seed = 42;
    o.runner = RunnerKind.direct;
    return o;
  }

  /** Scale factor (≥ 1). */
  public int scale() {
    return scale;
  }

  /** The workspace. */
  public Workspace workspace() {
    return new Workspace(workspace.toAbsolutePath().normalize());
  }

  /** Effective worker parallelism (cores when 0 was given). */
  public int effectiveParallelism() {
    return parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
  }

  /** Beam runners Quarry supports. */
  public enum RunnerKind {
    direct
  }
}
