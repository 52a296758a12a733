package dev.quarry.pipelines;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --max-rows-per-table} option (a picocli {@code @Mixin}) of the commands that run the seed stage
 * ({@code seed}, {@code synth}, {@code run}): for an imported domain, how many rows of each table its seed snapshot
 * keeps ({@link dev.quarry.core.snapshot.SnapshotReader}).
 */
public final class SnapshotOption {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  private long maxRowsPerTable;

  /** For picocli. */
  public SnapshotOption() {}

  @Option(names = "--max-rows-per-table", paramLabel = "N", defaultValue = "0",
      description = "Imported domains: keep at most N rows of each table in the seed snapshot, chosen"
          + " deterministically (smallest hash of the primary key); 0 keeps all (default: ${DEFAULT-VALUE}).")
  void setMaxRowsPerTable(long value) {
    if (value < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--max-rows-per-table': " + value + " (must be >= 0; 0 keeps every row)");
    }
    maxRowsPerTable = value;
  }

  /** Copies the option into the data options that the seed stage reads. */
  void applyTo(DataOptions data) {
    data.setMaxRowsPerTable(maxRowsPerTable);
  }
}
