package dev.quarry.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.train.bench.ModelFlops;
import dev.quarry.train.bench.ReferenceTrainLoop;
import dev.quarry.train.model.AdamOptimizer;
import dev.quarry.train.model.ModelConfig;
import dev.quarry.train.model.TransformerModel;
import dev.quarry.train.text.LiteralAnonymizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Measures training throughput of Quarry's trainer (the step of {@link DjlTrainer}: {@link TransformerModel},
 * {@link DjlTrainer#loss}, {@link AdamOptimizer}) and of the plain-DJL anchor {@link ReferenceTrainLoop} on
 * the very same batches of a dataset's train split (seeded order), in one process: a few warm-up steps, then
 * timed steps. Figures are tokens/s (question + {@code <sep>} + SQL + {@code <eos>} tokens, padding excluded),
 * seconds per step, model FLOPs per second ({@link ModelFlops}) and the projected seconds per epoch.
 * Optionally one busy thread competes for the CPU during the measurement (the shared-machine case).
 */
public final class ThroughputBenchmark {

  /**
   * One measurement of one loop.
   *
   * @param loop "quarry" or "reference"
   * @param config model size (with vocabulary)
   * @param parameters scalar parameter count
   * @param batchSize pairs per step
   * @param secondsPerStep mean wall seconds per timed step
   * @param tokensPerSecond tokens trained per wall second
   * @param flopsPerSecond model FLOPs ({@link ModelFlops#trainingStep}) per wall second
   * @param secondsPerEpoch projected wall seconds for one epoch of the train split
   */
  public record Figures(String loop, ModelConfig config, long parameters, int batchSize, double secondsPerStep,
      double tokensPerSecond, double flopsPerSecond, double secondsPerEpoch) {}

  /**
   * Quarry's trainer and the reference loop on the same batches.
   *
   * @param quarry Quarry's trainer
   * @param reference the plain-DJL reference loop
   * @param busyThreads competing busy threads that ran during both measurements
   */
  public record SideBySide(Figures quarry, Figures reference, int busyThreads) {
    /** Quarry's model FLOPs per second over the reference's (≥ 1 means Quarry is faster per unit of work). */
    public double ratio() {
      return quarry.flopsPerSecond() / reference.flopsPerSecond();
    }
  }

  private ThroughputBenchmark() {}

  /**
   * Runs {@code warmup} then {@code steps} timed steps of {@code config} with batch {@code batchSize}, first
   * with Quarry's trainer, then with the reference loop, on the same batches.
   *
   * @param busyThreads number of threads spinning on the CPU during both measurements (0 = none)
   * @throws IllegalArgumentException for a bad configuration
   */
  public static SideBySide compare(Path dataset, String domain, ModelConfig config, int batchSize, int warmup,
      int steps, long seed, int busyThreads) {
    config.validate();
    DjlEnvironment.configure(dataset.toAbsolutePath().getParent().getParent());
    DatasetReader reader = DatasetReader.open(dataset);
    Preprocessor pre = new Preprocessor(new LiteralAnonymizer(DomainLoader.load(domain)));
    TrainingData prepared = TrainingData.prepare(reader, pre, config.withQuestionFeatures(0), null, line -> {});
    ModelConfig cfg = prepared.config();
    List<Example> data = new ArrayList<>(prepared.train());
    Collections.shuffle(data, new Random(seed));
    List<List<int[]>> qb = new ArrayList<>();
    List<List<int[]>> sb = new ArrayList<>();
    for (int s = 0; s < warmup + steps; s++) {
      List<int[]> qs = new ArrayList<>();
      List<int[]> ss = new ArrayList<>();
      for (int i = 0; i < batchSize; i++) {
        Example e = data.get((s * batchSize + i) % data.size());
        qs.add(e.question());
        ss.add(e.sql());
      }
      qb.add(qs);
      sb.add(ss);
    }
    double flops = 0;
    long tokens = 0;
    for (int s = warmup; s < warmup + steps; s++) {
      int q = 0;
      int sq = 0;
      for (int r = 0; r < qb.get(s).size(); r++) {
        q = Math.max(q, qb.get(s).get(r).length);
        sq = Math.max(sq, sb.get(s).get(r).length);
        tokens += qb.get(s).get(r).length + sb.get(s).get(r).length + 2;
      }
      flops += ModelFlops.trainingStep(cfg, qb.get(s).size(), q + 1 + sq, sq + 1);
    }
    double epochSteps = Math.ceil((double) data.size() / batchSize);
    try (BusyThreads busy = new BusyThreads(busyThreads)) {
      busy.suppressNotUsedWarning();
      double[] quarry = quarryLoop(cfg, qb, sb, warmup, steps, seed);
      ReferenceTrainLoop.Result ref = ReferenceTrainLoop.run(cfg, qb, sb, warmup, steps, seed);
      Figures fq = new Figures("quarry", cfg, (long) quarry[1], batchSize, quarry[0] / steps, tokens / quarry[0],
          flops / quarry[0], quarry[0] / steps * epochSteps);
      Figures fr = new Figures("reference", cfg, ref.parameters(), batchSize, ref.seconds() / steps,
          tokens / ref.seconds(), flops / ref.seconds(), ref.seconds() / steps * epochSteps);
      return new SideBySide(fq, fr, busyThreads);
    }
  }

  /** Quarry's training step on the given batches; returns {timed seconds, parameter count}. */
  private static double[] quarryLoop(ModelConfig cfg, List<List<int[]>> qb, List<List<int[]>> sb, int warmup,
      int steps, long seed) {
    try (NDManager root = NDManager.newBaseManager();
        TransformerModel model = TransformerModel.create(cfg, root, seed)) {
      AdamOptimizer adam = new AdamOptimizer(model);
      long start = 0;
      for (int s = 0; s < warmup + steps; s++) {
        if (s == warmup) {
          start = System.nanoTime();
        }
        Engine.getInstance().setRandomSeed((int) (seed * 1_000_003L + s));
        try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
          scope.suppressNotUsedWarning();
          TrainingLoop.trainStep(model, adam, m, qb.get(s), null, sb.get(s), 1e-3, 1.0);
        }
      }
      return new double[] {(System.nanoTime() - start) / 1e9, model.parameterCount()};
    }
  }

  /** Threads that keep one core each busy until closed: the "another process shares the machine" case. */
  private static final class BusyThreads implements AutoCloseable {
    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();
    static volatile long sink;

    BusyThreads(int n) {
      for (int i = 0; i < n; i++) {
        Thread t = new Thread(() -> {
          long x = 1;
          while (running) {
            for (int k = 0; k < 1_000_000; k++) {
              x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
          }
        }, "bench-busy-" + i);
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
    }

    void suppressNotUsedWarning() {}

    @Override
    public void close() {
      running = false;
      for (Thread t : threads) {
        try {
          t.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
