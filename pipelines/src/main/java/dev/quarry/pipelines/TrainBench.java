package dev.quarry.pipelines;

import dev.quarry.train.TrainBenchmark;
import dev.quarry.train.model.ModelConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quarry bench train}: tokens/s and time per epoch of the default and a larger configuration. */
@Command(name = "train", header = "Training tokens/s and time per epoch, default and larger model.", mixinStandardHelpOptions = true,
    description = "Measures embedded-trainer throughput (default and larger model) on the dataset's train split.")
public final class TrainBench implements Callable<Integer> {

  @Mixin DataOptions data;
  @Option(names = "--dataset", paramLabel = "DIR",
      description = "Dataset dir (default: the workspace's dataset for --domain/--seed/--scale).") Path dataset;
  @Option(names = "--steps", defaultValue = "20",
      description = "Timed steps per configuration (default: ${DEFAULT-VALUE}).") int steps;
  @Option(names = "--warmup-steps", defaultValue = "3",
      description = "Untimed steps before timing starts (default: ${DEFAULT-VALUE}).") int warmup;
  @Option(names = "--batch-size", defaultValue = "64",
      description = "Pairs per step (default: ${DEFAULT-VALUE}).") int batch;

  @Override
  public Integer call() {
    Path ds = dataset != null ? dataset : data.workspace().datasetDir(data.domain, data.seed, data.scale());
    ModelConfig d = ModelConfig.defaults();
    ModelConfig large = new ModelConfig(256, 4, 4, 1024, 0.1, d.maxQuestion(), d.maxSql(), 0);
    System.out.printf("%-8s %10s %6s %10s %12s %12s%n", "config", "params", "batch", "s/step", "tokens/s", "s/epoch");
    for (var e : List.of(new Object[] {"default", d}, new Object[] {"large", large})) {
      TrainBenchmark.Figures f = TrainBenchmark.measure(ds, data.domain, (ModelConfig) e[1], batch, warmup, steps, data.seed);
      System.out.printf("%-8s %,10d %6d %10.3f %,12.0f %,12.0f%n", e[0], f.parameters(), f.batchSize(),
          f.secondsPerStep(), f.tokensPerSecond(), f.secondsPerEpoch());
    }
    return QuarryCli.EXIT_OK;
  }
}
