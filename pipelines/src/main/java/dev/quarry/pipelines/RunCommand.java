package dev.quarry.pipelines;

import dev.quarry.core.workspace.StageRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code quarry run}: the main job, every stage in order on embedded defaults. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "The main job: runs every stage in order (seed -> synth) on the Direct runner with the built-in",
      "domain and embedded DuckDB, skipping stages whose outputs are up to date, and ends with a summary",
      "of where everything went. --force redoes every stage."
    })
final class RunCommand implements Callable<Integer> {

  @Mixin DataOptions data;
  @Mixin SynthSettings settings;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    settings.validate();
    String cmd = Commands.commandLine(spec);
    long start = System.nanoTime();
    Progress.stage(1, 2, "seed");
    StageRunner.StageResult seed = Stages.seed(data, cmd, data.force);
    Progress.stage(2, 2, "synth");
    StageRunner.StageResult synth = Stages.synth(data, settings, seed.dir(), cmd);
    System.out.println();
    System.out.printf("Quarry run finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
    System.out.println("seed    " + Stages.describe(seed));
    System.out.println("synth   " + Stages.describe(synth));
    Summary.printSeed(seed);
    Summary.printDataset(synth);
    return QuarryCli.EXIT_OK;
  }
}
