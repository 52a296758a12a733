package dev.quarry.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.train.model.AdamOptimizer;
import dev.quarry.train.model.Batch;
import dev.quarry.train.model.ModelConfig;
import dev.quarry.train.model.TransformerModel;
import dev.quarry.train.text.LiteralAnonymizer;
import dev.quarry.train.text.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Measures training throughput of a configuration on a dataset's train split: a few warm-up steps, then
 * timed steps on random batches (seeded). Figures are tokens/s (question + {@code <sep>} + SQL +
 * {@code <eos>} tokens, padding excluded), seconds per step and the projected seconds per epoch.
 */
public final class TrainBenchmark {

  /**
   * One measurement.
   *
   * @param config model size (with vocabulary)
   * @param parameters scalar parameter count
   * @param batchSize pairs per step
   * @param secondsPerStep mean wall seconds per timed step
   * @param tokensPerSecond tokens trained per wall second
   * @param secondsPerEpoch projected wall seconds for one epoch of the train split
   */
  public record Figures(ModelConfig config, long parameters, int batchSize, double secondsPerStep,
      double tokensPerSecond, double secondsPerEpoch) {}

  private TrainBenchmark() {}

  /** Runs {@code warmup} then {@code steps} timed steps of {@code config} with batch {@code batchSize}. */
  public static Figures measure(Path dataset, String domain, ModelConfig config, int batchSize, int warmup, int steps,
      long seed) {
    config.validate();
    DjlEnvironment.configure(dataset.toAbsolutePath().getParent().getParent());
    DatasetReader reader = DatasetReader.open(dataset);
    Preprocessor pre = new Preprocessor(new LiteralAnonymizer(DomainLoader.load(domain)));
    List<Preprocessor.Tokens> toks = reader.read("train").stream().map(pre::tokens).toList();
    Vocabulary v = Vocabulary.build(toks.stream().map(Preprocessor.Tokens::question).toList(),
        toks.stream().map(Preprocessor.Tokens::sql).toList(), 2);
    ModelConfig cfg = config.withVocabSize(v.size());
    List<Example> data = new ArrayList<>();
    for (Preprocessor.Tokens t : toks) {
      if (t.sql().size() <= cfg.maxSql()) {
        List<String> q = t.question().size() > cfg.maxQuestion() ? t.question().subList(0, cfg.maxQuestion()) : t.question();
        data.add(new Example(v.encode(q), v.encode(t.sql())));
      }
    }
    Collections.shuffle(data, new Random(seed));
    try (NDManager root = NDManager.newBaseManager();
        TransformerModel model = TransformerModel.create(cfg, root, seed)) {
      AdamOptimizer adam = new AdamOptimizer(model);
      long tokens = 0;
      long start = 0;
      for (int s = 0; s < warmup + steps; s++) {
        if (s == warmup) {
          start = System.nanoTime();
          tokens = 0;
        }
        List<int[]> qs = new ArrayList<>();
        List<int[]> ss = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
          Example e = data.get((s * batchSize + i) % data.size());
          qs.add(e.question());
          ss.add(e.sql());
          tokens += e.question().length + e.sql().length + 2;
        }
        try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
          scope.suppressNotUsedWarning();
          Batch b = Batch.of(m, qs, ss, null, cfg.maxQuestion());
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray l = DjlTrainer.loss(model, b, true);
            gc.backward(l);
          }
          adam.step(model, 1e-3, 1.0);
        }
      }
      double secs = (System.nanoTime() - start) / 1e9;
      double perStep = secs / steps;
      double tps = tokens / secs;
      return new Figures(cfg, model.parameterCount(), batchSize, perStep, tps,
          perStep * Math.ceil((double) data.size() / batchSize));
    }
  }
}
