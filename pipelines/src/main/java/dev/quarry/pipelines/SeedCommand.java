package dev.quarry.pipelines;

import dev.quarry.core.workspace.StageRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code quarry seed}: writes deterministic seed data to Parquet. */
@Command(name = "seed", header = "Stage 1: write deterministic seed data to Parquet.", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Stage 1: writes the domain's seed data (built-in: a school district over four school years) to",
      "<workspace>/seed/<domain>-s<seed>-x<scale>/<table>/part-*.parquet with a manifest.json.",
      "Same seed and scale => byte-identical files on every run and runner.",
      "An imported domain (a domain file with a source, from 'quarry domain init') gets a sorted snapshot of",
      "its source in the same layout, <workspace>/seed/<name>-s<seed>-x<scale>/: the same data gives the same",
      "bytes from DuckDB, SQLite or PostgreSQL; an unchanged source is skipped; a source whose tables, columns",
      "or types differ from the domain file's is refused."
    })
final class SeedCommand implements Callable<Integer> {

  @Mixin DataOptions data;
  @Mixin RunnerOptions runner;
  @Mixin SnapshotOption snapshot;
  @Mixin ForceOption force;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    UsageException.check(spec, data::requireWritableWorkspace);
    snapshot.applyTo(data);
    StageRunner.StageResult r = Stages.seed(data, runner, Commands.commandLine(spec), force.isSet());
    System.out.println("seed    " + Stages.describe(r));
    return QuarryCli.EXIT_OK;
  }
}
