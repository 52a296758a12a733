package dev.quarry.pipelines;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code quarry bench …}: measurements that back the speed figures in README. */
@Command(name = "bench", header = "Benchmarks: synth execution throughput, training speed, scale-out, untrusted-SQL isolation.", mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints its figures. Speed targets are checked here, never by unit tests.",
    subcommands = {SynthBench.class, TrainBench.class, ScaleBench.class, SandboxBench.class})
final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
