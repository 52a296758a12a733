package dev.quarry.pipelines;

import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.workspace.StageRunner;
import dev.quarry.core.workspace.Workspace;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a command's data lives (a picocli {@code @Mixin}): the workspace, and the domain, seed and scale that
 * name the seed data, dataset and model inside it. Used by every command that reads or writes stage outputs;
 * Beam runner options are in {@link RunnerOptions} and {@code --force} in {@link ForceOption}, so that each
 * command lists only what it uses.
 */
public final class DataOptions {

  /** Default {@code --domain}: the built-in school district. */
  public static final String DEFAULT_DOMAIN = "education";
  /** Default {@code --seed}. */
  public static final long DEFAULT_SEED = 42;
  /** Default {@code --scale}. */
  public static final int DEFAULT_SCALE = 1;

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  @Mixin WorkspaceOption workspaceOption;

  String domain = DEFAULT_DOMAIN;

  @Option(names = "--domain", paramLabel = "NAME|FILE", defaultValue = DEFAULT_DOMAIN,
      description = "Built-in domain name or path of a domain.json (default: ${DEFAULT-VALUE}).")
  void setDomain(String value) {
    try {
      DomainLoader.load(value); // an unknown or broken domain is a usage error, before any work
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--domain': " + e.getMessage(), e);
    }
    domain = value;
  }

  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DEFAULT_SEED,
      description = "Random seed; same seed => byte-identical outputs (default: ${DEFAULT-VALUE}).")
  long seed;

  private int scale = DEFAULT_SCALE;

  @Option(names = "--scale", paramLabel = "N", defaultValue = "" + DEFAULT_SCALE,
      description = "Multiplies the district's size; scale 1 is about 2,900 students a year (default: ${DEFAULT-VALUE}).")
  void setScale(int value) {
    if (value < 1 || value > 10_000) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--scale': " + value + " (must be between 1 and 10000)");
    }
    scale = value;
  }

  /** Set from {@link SnapshotOption} by the commands that run the seed stage; 0 keeps every row. */
  private long maxRowsPerTable;

  /** For picocli. */
  public DataOptions() {}

  /** Defaults for {@code workspace} (domain education, seed 42, scale 1), for jobs built in code. */
  static DataOptions defaults(Path workspace) {
    DataOptions o = new DataOptions();
    o.workspaceOption = WorkspaceOption.of(workspace);
    o.domain = DEFAULT_DOMAIN;
    o.seed = DEFAULT_SEED;
    return o;
  }

  /** The options of a test-suite database: the same workspace and domain with another seed, scale 1. */
  DataOptions forTestSuiteSeed(long otherSeed) {
    DataOptions t = new DataOptions();
    t.spec = spec;
    t.workspaceOption = workspaceOption;
    t.domain = domain;
    t.seed = otherSeed;
    t.maxRowsPerTable = maxRowsPerTable;
    return t;
  }

  /** Scale factor (≥ 1). */
  public int scale() {
    return scale;
  }

  /** The most rows per table of an imported domain's seed snapshot; 0 for all. */
  public long maxRowsPerTable() {
    return maxRowsPerTable;
  }

  /** Sets {@link #maxRowsPerTable()} from the command's {@link SnapshotOption}. */
  void setMaxRowsPerTable(long n) {
    maxRowsPerTable = n;
  }

  /** The workspace. */
  public Workspace workspace() {
    return new Workspace(workspaceOption.path());
  }

  /**
   * Creates the workspace directory if needed and checks that files can be written in it (a check for
   * {@link UsageException#check}).
   *
   * @throws IllegalArgumentException naming the directory when it is not writable
   */
  void requireWritableWorkspace() {
    StageRunner.ensureWritable(workspace().root());
  }
}
