package dev.quarry.pipelines;

import dev.quarry.core.workspace.StageRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code quarry synth}: seed Parquet → executed, validated, deduplicated NL→SQL shards. */
@Command(name = "synth", header = "Stage 2: synthesize executed, validated NL->SQL pairs into training shards.", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Stage 2: synthesizes NL->SQL pairs from the schema and the seed data's real values, rephrases the",
      "questions, validates the SQL, keeps only pairs whose SQL executes on DuckDB over the seed data,",
      "dedupes, splits train/validation/test without leakage, and writes shards (JSONL chat + Parquet),",
      "dataset_info.json (LLaMA-Factory) and rejects/ under <workspace>/datasets/<domain>-s<seed>-x<scale>/.",
      "Runs the seed stage first when its output is missing; --force redoes the synth stage only."
    })
final class SynthCommand implements Callable<Integer> {

  @Mixin DataOptions data;
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
    String cmd = Commands.commandLine(spec);
    StageRunner.StageResult seed = Stages.seed(data, runner, cmd, false);
    StageRunner.StageResult synth = Stages.synth(data, runner, settings, seed.dir(), cmd, force.isSet());
    System.out.println("seed    " + Stages.describe(seed));
    System.out.println("synth   " + Stages.describe(synth));
    Summary.printDataset(synth);
    return QuarryCli.EXIT_OK;
  }

}
