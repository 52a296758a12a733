package dev.quarry.pipelines;

import dev.quarry.core.workspace.StageRunner;
import dev.quarry.seed.SeedPipeline;
import dev.quarry.seed.SeedResult;
import dev.quarry.synth.SynthOptions;
import dev.quarry.synth.SynthPipeline;
import dev.quarry.synth.SynthResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quarry bench scale}: seed and synth at growing scale on each runner, timed in one JVM, with each
 * run's cost relative to scale 1 on the same runner and the linear-growth check (time at scale k ≤ 1.2 × k
 * × time at scale 1).
 */
@Command(name = "scale", header = "Seed + synth at scale 1, 10, 100 on Direct and Flink: time, rows/s, pairs/s.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Runs the seed and synth pipelines at each scale on each runner into temporary directories under",
      "<workspace>/bench (deleted afterwards) and prints, per run: wall time of seed and synth, seed rows/s,",
      "synth pairs/s, and cost relative to scale 1 on the same runner. Cost must grow no worse than linearly:",
      "seed+synth time at scale k <= " + ScaleBench.SLACK + " x k x time at scale 1; the exit code is 1 when a run",
      "breaks that. Scale 100 writes tens of millions of rows; Flink runs it in 4 GB of heap, but the Direct runner",
      "holds whole tables at its grouping steps and may need far more (README's table used QUARRY_JAVA_OPTS=-Xmx14g)."
    })
final class ScaleBench implements Callable<Integer> {

  /** Allowed slack over linear growth: time at scale k may be up to SLACK × k × time at scale 1. */
  static final double SLACK = 1.2;

  /** The workspace whose bench/ folder holds the temporary outputs. */
  @Mixin WorkspaceOption workspace;

  @Option(names = "--scales", paramLabel = "N", split = ",", defaultValue = "1,10,100",
      description = "Scales to run, in increasing order; costs are relative to the smallest (default: ${DEFAULT-VALUE}).")
  List<Integer> scales;

  @Option(names = "--runners", paramLabel = "RUNNER", split = ",", defaultValue = "direct,flink",
      description = "Runners to run each scale on (default: ${DEFAULT-VALUE}).")
  List<RunnerOptions.RunnerKind> runners;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2",
      description = "Workers per runner; unlike a stage's --parallelism, 0 (all cores) is not allowed, so that the "
          + "figures name their worker count (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DataOptions.DEFAULT_SEED, description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--samples-per-template", paramLabel = "N", defaultValue = "0",
      description = "Synth value samples per template; 0 = the generator's default (default: ${DEFAULT-VALUE}).")
  int samplesPerTemplate;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** One timed seed + synth run. */
  record Measurement(RunnerOptions.RunnerKind runner, int scale, double seedSeconds, long rows, double synthSeconds,
      long pairs) {

    double totalSeconds() {
      return seedSeconds + synthSeconds;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (scales.isEmpty() || scales.stream().anyMatch(s -> s < 1 || s > 10_000)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--scales: each scale must be between 1 and 10000");
    }
    if (parallelism < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--parallelism must be >= 1");
    }
    List<Integer> ordered = scales.stream().distinct().sorted().toList();
    Path root = workspace.path().resolve("bench");
    StageRunner.ensureWritable(root);
    System.out.printf(Locale.ROOT, "bench scale: scales %s on %s, parallelism %d, max heap %,d MB%n",
        ordered, runners, parallelism, Runtime.getRuntime().maxMemory() >> 20);
    List<Measurement> all = new ArrayList<>();
    for (RunnerOptions.RunnerKind runner : runners) {
      for (int scale : ordered) {
        Measurement m = measure(root, runner, scale);
        all.add(m);
        System.out.printf(Locale.ROOT, "%-6s scale %-4d seed %8.1f s (%,d rows)  synth %8.1f s (%,d pairs)%n",
            runner, scale, m.seedSeconds(), m.rows(), m.synthSeconds(), m.pairs());
      }
    }
    System.out.println();
    System.out.print(table(all));
    List<String> violations = violations(all);
    violations.forEach(v -> System.out.println("NOT LINEAR: " + v));
    boolean linear = violations.isEmpty();
    System.out.println(linear
        ? "cost grows no worse than linearly on every runner (time at scale k <= " + SLACK + " x k x time at the smallest scale)"
        : "cost grew worse than linearly");
    return linear ? QuarryCli.EXIT_OK : QuarryCli.EXIT_FAILED;
  }

  /**
   * Runs whose seed+synth time exceeds {@link #SLACK} × (scale / smallest scale) × the smallest scale's time
   * on the same runner, one message each; empty when growth is no worse than linear.
   */
  static List<String> violations(List<Measurement> all) {
    List<String> out = new ArrayList<>();
    for (Measurement m : all) {
      Measurement base = baseline(all, m.runner());
      double ratio = (double) m.scale() / base.scale();
      if (m.scale() > base.scale() && m.totalSeconds() > SLACK * ratio * base.totalSeconds()) {
        out.add(String.format(Locale.ROOT, "%s scale %d took %.1f s > %.1f x %.0f x %.1f s", m.runner(), m.scale(),
            m.totalSeconds(), SLACK, ratio, base.totalSeconds()));
      }
    }
    return out;
  }

  private static Measurement baseline(List<Measurement> all, RunnerOptions.RunnerKind runner) {
    return all.stream().filter(m -> m.runner() == runner).findFirst().orElse(null);
  }

  /** The results as a Markdown table, with each run's cost relative to the smallest scale on its runner. */
  static String table(List<Measurement> all) {
    StringBuilder b = new StringBuilder();
    b.append("| runner | scale | seed rows | seed s | rows/s | synth s | pairs | pairs/s | seed+synth s | cost vs smallest | scale ratio |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Measurement m : all) {
      Measurement base = baseline(all, m.runner());
      b.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.1f | %,.0f | %.1f | %,d | %,.0f | %.1f | %.1fx | %dx |%n",
          m.runner(), m.scale(), m.rows(), m.seedSeconds(), m.rows() / m.seedSeconds(), m.synthSeconds(), m.pairs(),
          m.pairs() / m.synthSeconds(), m.totalSeconds(), m.totalSeconds() / base.totalSeconds(),
          m.scale() / base.scale()));
    }
    return b.toString();
  }

  private Measurement measure(Path root, RunnerOptions.RunnerKind runner, int scale) throws Exception {
    DataOptions data = DataOptions.defaults(root);
    data.seed = seed;
    data.setScale(scale);
    RunnerOptions runnerOptions = RunnerOptions.of(runner, parallelism);
    Path seedDir = Files.createTempDirectory(root, "seed-" + runner + "-x" + scale + "-");
    Path datasetDir = Files.createTempDirectory(root, "dataset-" + runner + "-x" + scale + "-");
    try {
      long t0 = System.nanoTime();
      SeedResult seeded = SeedPipeline.run(Stages.seedOptions(data, runnerOptions, seedDir));
      double seedSeconds = (System.nanoTime() - t0) / 1e9;
      long rows = seeded.rowCounts().values().stream().mapToLong(Long::longValue).sum();

      SynthSettings settings = SynthSettings.defaults();
      settings.samplesPerTemplate = samplesPerTemplate;
      SynthOptions syo = Stages.synthOptions(data, runnerOptions, settings, seedDir, datasetDir);
      long t1 = System.nanoTime();
      SynthResult synth = SynthPipeline.run(syo);
      double synthSeconds = (System.nanoTime() - t1) / 1e9;
      return new Measurement(runner, scale, seedSeconds, rows, synthSeconds, synth.counts().path("kept_pairs").asLong());
    } finally {
      StageRunner.deleteRecursively(seedDir);
      StageRunner.deleteRecursively(datasetDir);
    }
  }
}
