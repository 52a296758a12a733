package dev.quarry.pipelines;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code quarry domain …}: draft a domain description from an existing database, and check an edited one. */
@Command(name = "domain", header = "Bring your own database: draft a domain.json from it (init), check an edited one (check), export seed data to DuckDB (export).",
    mixinStandardHelpOptions = true,
    description = "Reads a DuckDB, SQLite, Parquet, CSV or PostgreSQL source read-only; never writes to it.",
    subcommands = {DomainInitCommand.class, DomainCheckCommand.class, DomainExportCommand.class})
final class DomainCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
