package dev.quarry.pipelines;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Beam runner options (a picocli {@code @Mixin}) of the commands that run Beam pipelines ({@code run},
 * {@code seed}, {@code synth}, {@code bench synth}): which runner, how many workers, which Flink cluster.
 */
public final class RunnerOptions {

  /** {@code --flink-master} value for an embedded Flink cluster in this JVM. */
  public static final String FLINK_LOCAL = "[local]";

  /** {@code --flink-master} value that uses the cluster of {@code flink run} (embedded when started otherwise). */
  public static final String FLINK_AUTO = "[auto]";

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--runner", paramLabel = "RUNNER", defaultValue = "direct",
      description = "Beam runner: ${COMPLETION-CANDIDATES}. Both write the same bytes (default: ${DEFAULT-VALUE}).")
  RunnerKind runner;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0",
      description = "Worker threads (Direct) or task slots (Flink); 0 = number of cores (default: ${DEFAULT-VALUE}).")
  int parallelism;

  private String flinkMaster = FLINK_LOCAL;
  private boolean flinkMasterGiven;

  // No defaultValue: picocli would call the setter with it and the option would count as given.
  @Option(names = "--flink-master", paramLabel = "HOST:PORT",
      description = "With --runner flink: the JobManager's REST address of an existing cluster, '" + FLINK_LOCAL
          + "' for an embedded cluster in this JVM, or '" + FLINK_AUTO + "' when submitted with 'flink run' "
          + "(default: " + FLINK_LOCAL + ").")
  void setFlinkMaster(String value) {
    if (!value.equals(FLINK_LOCAL) && !value.equals(FLINK_AUTO) && !value.matches("[A-Za-z0-9.\\-]+:[0-9]{1,5}")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--flink-master': '" + value + "' (expected host:port, [local] or [auto])");
    }
    flinkMaster = value;
    flinkMasterGiven = true;
  }

  /** For picocli. */
  public RunnerOptions() {}

  /** The Direct runner with one worker per core, for jobs built in code (eval, the nightly job). */
  static RunnerOptions defaults() {
    return of(RunnerKind.direct, 0);
  }

  /** The given runner and parallelism (0 = cores) with an embedded Flink cluster, for jobs built in code. */
  static RunnerOptions of(RunnerKind runner, int parallelism) {
    RunnerOptions o = new RunnerOptions();
    o.runner = runner;
    o.parallelism = parallelism;
    return o;
  }

  /** The runner. */
  public RunnerKind runner() {
    return runner;
  }

  /** Flink master address ({@link #FLINK_LOCAL} unless given). */
  public String flinkMaster() {
    return flinkMaster;
  }

  /** Effective worker parallelism (cores when 0 was given). */
  public int effectiveParallelism() {
    return parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
  }

  /**
   * Checks combinations single options cannot: {@code --flink-master} needs {@code --runner flink}.
   *
   * @throws CommandLine.ParameterException naming the options
   */
  void validate() {
    if (flinkMasterGiven && runner != RunnerKind.flink) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--flink-master needs --runner flink (the runner is " + runner + ")");
    }
  }

  /** Beam runners Quarry supports. */
  public enum RunnerKind {
    /** Beam's Direct runner: threads in this JVM. */
    direct,
    /** Apache Flink: an embedded cluster by default, or an existing one via {@code --flink-master}. */
    flink
  }
}
