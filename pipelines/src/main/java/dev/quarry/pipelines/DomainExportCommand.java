package dev.quarry.pipelines;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.duckdb.SeedExport;
import dev.quarry.core.workspace.StageRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quarry domain export}: writes a domain's seed data (generated first when missing) into a new DuckDB file,
 * one table per domain table, data only. The file is built under a temporary name and moved into place; an
 * existing file is kept unless {@code --force}. An existing output or an unwritable workspace exit
 * {@value QuarryCli#EXIT_USAGE} before any work; a seed that cannot be read or written exits
 * {@value QuarryCli#EXIT_FAILED}.
 */
@Command(name = "export", header = "Export a domain's seed data to a new DuckDB file.", mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes the seed data of --domain/--seed/--scale (generated on the Direct runner when missing) into a new",
      "DuckDB file: one table per domain table, the domain's columns and the Parquet types, rows in seed order.",
      "Data only: no descriptions, phrases or roles. 'quarry domain init --source duckdb:FILE' reads it back."
    })
final class DomainExportCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(names = "--duckdb", required = true, paramLabel = "FILE",
      description = "The DuckDB file to write (default: none, required).")
  Path file;

  @Mixin ForceOption force;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    UsageException.check(spec, () -> {
      data.requireWritableWorkspace();
      SeedExport.checkWritable(file, force.isSet());
    });
    Domain domain = DomainLoader.load(data.domain);
    StageRunner.StageResult seed = Stages.seed(data, RunnerOptions.defaults(), Commands.commandLine(spec), false);
    System.out.println("seed    " + Stages.describe(seed));
    Map<String, Long> rows = SeedExport.export(domain, seed.dir(), file, force.isSet());
    StringBuilder sb = new StringBuilder();
    rows.forEach((t, n) -> sb.append(sb.length() == 0 ? "" : " ").append(t).append('=').append(n));
    System.out.println("wrote " + file + ": " + rows.size() + " tables (" + sb + ")");
    System.out.println("then: quarry domain init --source duckdb:" + file + " --name NAME");
    return QuarryCli.EXIT_OK;
  }
}
