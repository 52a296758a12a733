package dev.quarry.pipelines;

import dev.quarry.train.DjlEnvironment;
import dev.quarry.train.NativeRuntime;
import dev.quarry.train.ThroughputBenchmark;
import dev.quarry.train.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quarry bench train}: Quarry's embedded trainer against a plain-DJL reference loop on the same batches,
 * for the default and a larger model, alone and with one competing busy thread.
 */
@Command(name = "train", header = "Quarry's trainer vs a plain DJL training loop: tokens/s, FLOP/s, ratio, shared-machine slowdown.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Trains, in one run and on the same batches of the dataset's train split, Quarry's embedded trainer and a",
      "reference loop built from plain DJL blocks, DJL's Trainer and Adam (the same model shape and parameter count),",
      "for the default and a larger configuration. Prints seconds per step, tokens/s, model GFLOP/s (Kaplan et al.",
      "2020: 6 x parameters x tokens plus attention) and Quarry's ratio to the reference per model FLOP; then the",
      "same again while one busy thread started by the bench competes for a core, and the slowdown against alone.",
      "Needs the synth dataset (run 'quarry synth' first)."
    })
public final class TrainBench implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(names = "--dataset", paramLabel = "DIR",
      description = "Synth dataset directory (default: the workspace's dataset for --domain, --seed and --scale).")
  Path dataset;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "10",
      description = "Timed training steps per loop and configuration (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup-steps", paramLabel = "N", defaultValue = "3",
      description = "Untimed steps before timing starts, per loop and configuration (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Question/SQL pairs per step (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--config", paramLabel = "NAME", split = ",", defaultValue = "default,large",
      description = "Model configurations to measure: default (the trainer's defaults) and/or large "
          + "(d_model 256, 4 layers, 4 heads, FFN 1024) (default: ${DEFAULT-VALUE}).")
  List<String> configs;

  @Option(names = "--no-shared", description = "Skip the measurement with a competing busy thread (default: off).")
  boolean noShared;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The larger configuration: about 3.3 M parameters with the education vocabulary. */
  static ModelConfig large() {
    ModelConfig d = ModelConfig.defaults();
    return new ModelConfig(256, 4, 4, 1024, 0.1, d.maxQuestion(), d.maxSql(), 0, 0);
  }

  @Override
  public Integer call() {
    for (String bad : new String[] {steps < 1 ? "--steps must be at least 1, got " + steps : null,
        batch < 1 ? "--batch-size must be at least 1, got " + batch : null,
        warmup < 0 ? "--warmup-steps must be at least 0, got " + warmup : null}) {
      if (bad != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), bad);
      }
    }
    Map<String, ModelConfig> chosen = new LinkedHashMap<>();
    for (String c : configs) {
      switch (c.trim()) {
        case "default" -> chosen.put("default", ModelConfig.defaults());
        case "large" -> chosen.put("large", large());
        default -> throw new CommandLine.ParameterException(spec.commandLine(),
            "Invalid value for option '--config': '" + c + "' (expected default or large)");
      }
    }
    Path ds = dataset != null ? dataset : data.workspace().datasetDir(data.domain, data.seed, data.scale());
    if (!Files.isDirectory(ds)) {
      System.err.println("No synth dataset at " + ds + ": run 'quarry synth' first (or pass --dataset DIR).");
      return QuarryCli.EXIT_USAGE;
    }
    String nativeSettings = DjlEnvironment.configure(data.workspace().root());
    System.out.printf("bench train: %d warm-up + %d timed steps, batch %d, dataset %s%n", warmup, steps, batch, ds);
    System.out.printf("device: %s; %s%n", NativeRuntime.device(), nativeSettings);
    System.out.printf("%-8s %-6s %-9s %10s %8s %8s %10s %9s %9s%n",
        "config", "busy", "loop", "params", "batch", "s/step", "tokens/s", "GFLOP/s", "s/epoch");
    List<Integer> busyCases = noShared ? List.of(0) : List.of(0, 1);
    List<String> summary = new ArrayList<>();
    for (var e : chosen.entrySet()) {
      ThroughputBenchmark.SideBySide alone = null;
      for (int busy : busyCases) {
        ThroughputBenchmark.SideBySide c =
            ThroughputBenchmark.compare(ds, data.domain, e.getValue(), batch, warmup, steps, data.seed, busy);
        print(e.getKey(), c.quarry(), busy);
        print(e.getKey(), c.reference(), busy);
        summary.add(String.format("%-8s busy %d: Quarry / reference per model FLOP = %.2f", e.getKey(), busy, c.ratio()));
        if (busy == 0) {
          alone = c;
        } else if (alone != null) {
          summary.add(String.format("%-8s slowdown with one busy thread: Quarry %.2fx, reference %.2fx",
              e.getKey(), c.quarry().secondsPerStep() / alone.quarry().secondsPerStep(),
              c.reference().secondsPerStep() / alone.reference().secondsPerStep()));
        }
      }
    }
    System.out.println();
    summary.forEach(System.out::println);
    return QuarryCli.EXIT_OK;
  }

  private static void print(String name, ThroughputBenchmark.Figures f, int busy) {
    System.out.printf("%-8s %-6d %-9s %,10d %8d %8.3f %,10.0f %9.2f %,9.0f%n", name, busy, f.loop(), f.parameters(),
        f.batchSize(), f.secondsPerStep(), f.tokensPerSecond(), f.flopsPerSecond() / 1e9, f.secondsPerEpoch());
  }
}
