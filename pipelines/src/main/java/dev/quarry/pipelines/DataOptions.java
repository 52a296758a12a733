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
      description = "Beam runner: ${COMPLETION-CANDIDATES}. Both write the same bytes (default: ${DEFAULT-VALUE}).")
  RunnerKind runner;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0",
      description = "Worker threads (Direct) or task slots (Flink); 0 = number of cores (default: ${DEFAULT-VALUE}).")
  int parallelism;

  private String flinkMaster = FLINK_LOCAL;

  @Option(names = "--flink-master", paramLabel = "HOST:PORT",
      description = "With --runner flink: the JobManager's REST address of an existing cluster, '[local]' for an "
          + "embedded cluster in this JVM, or '[auto]' when submitted with 'flink run' (default: [local]).")
  void setFlinkMaster(String value) {
    if (!value.equals(FLINK_LOCAL) && !value.equals(FLINK_AUTO) && !value.matches("[A-Za-z0-9.\\-]+:[0-9]{1,5}")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--flink-master': '" + value + "' (expected host:port, [local] or [auto])");
    }
    flinkMaster = value;
    flinkMasterGiven = true;
  }

  private boolean flinkMasterGiven;

  /** {@code --flink-master} value for an embedded Flink cluster in this JVM. */
  public static final String FLINK_LOCAL = "[local]";

  /** {@code --flink-master} value that uses the cluster of {@code flink run} (embedded when started otherwise). */
  public static final String FLINK_AUTO = "[auto]";

  /** Defaults for {@code workspace} (domain education, seed 42, scale 1, Direct runner), for jobs built in code. */
  static DataOptions defaults(Path workspace) {
    DataOptions o = new DataOptions();
    o.workspace = workspace;
    o.domain = "education";
    o.seed = 42;
    o.runner = RunnerKind.direct;
    return o;
  }

  /**
   * The options of a test-suite database: the same workspace, domain, runner, parallelism and Flink master
   * with another seed, scale 1 and no {@code --force}.
   */
  DataOptions forTestSuiteSeed(long otherSeed) {
    DataOptions t = new DataOptions();
    t.spec = spec;
    t.workspace = workspace;
    t.domain = domain;
    t.seed = otherSeed;
    t.runner = runner;
    t.parallelism = parallelism;
    t.flinkMaster = flinkMaster;
    t.flinkMasterGiven = flinkMasterGiven;
    t.force = false;
    return t;
  }

  /** Scale factor (≥ 1). */
  public int scale() {
    return scale;
  }

  /** The workspace. */
  public Workspace workspace() {
    return new Workspace(workspace.toAbsolutePath().normalize());
  }

  /** Flink master address ({@link #FLINK_LOCAL} unless given). */
  public String flinkMaster() {
    return flinkMaster;
  }

  /**
   * Checks combinations single options cannot: {@code --flink-master} needs {@code --runner flink}.
   *
   * @throws CommandLine.ParameterException naming the options
   */
  void validateRunner() {
    if (flinkMasterGiven && runner != RunnerKind.flink) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--flink-master needs --runner flink (the runner is " + runner + ")");
    }
  }

  /** Effective worker parallelism (cores when 0 was given). */
  public int effectiveParallelism() {
    return parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
  }

  /** Beam runners Quarry supports. */
  public enum RunnerKind {
    /** Beam's Direct runner: threads in this JVM. */
    direct,
    /** Apache Flink: an embedded cluster by default, or an existing one via {@code --flink-master}. */
    flink
  }
}
