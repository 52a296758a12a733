package dev.quarry.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.core.workspace.StageRunner;
import dev.quarry.train.model.AdamOptimizer;
import dev.quarry.train.model.Batch;
import dev.quarry.train.model.Decoder;
import dev.quarry.train.model.ModelConfig;
import dev.quarry.train.model.TransformerModel;
import dev.quarry.train.text.LiteralAnonymizer;
import dev.quarry.train.text.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The embedded trainer: reads a verified dataset, builds the tokenizer, trains a {@link TransformerModel}
 * with {@link AdamOptimizer} (linear warm-up, cosine decay to 10%), checkpoints, validates each epoch (loss
 * and execution accuracy) with early stopping, measures test execution accuracy, and writes
 * {@code models/<model-id>/} through {@link StageRunner} (temp dir → rename) and then {@code models/LATEST}.
 *
 * <p>Work in progress lives in {@code models/.work-<model-id>/} (checkpoints, metrics); {@code resume}
 * continues from its {@code checkpoints/LATEST}. Determinism: initialisation from the seed, data order from
 * {@code Random(seed + epoch)}, and the engine seed reset to {@code seed * 1_000_003 + step} before each
 * step, so a resumed run repeats exactly what the uninterrupted run would have done (on the same CPU).
 */
public final class DjlTrainer {

  /** Summary of a finished run. */
  public record Result(Path modelDir, int epochs, long steps, long tokens, double wallSeconds, double tokensPerSecond,
      double finalValLoss, double valExecutionAccuracy, double testExecutionAccuracy, boolean skipped) {}

  private final TrainSettings s;
  private final Consumer<String> progress;

  private DjlTrainer(TrainSettings s, Consumer<String> progress) {
    this.s = s;
    this.progress = progress;
  }

  /**
   * Trains (or skips when an identical model exists and {@code force} is off).
   *
   * @throws IllegalArgumentException for bad settings, before any work
   * @throws dev.quarry.core.workspace.InvalidOutputException when a dataset shard, or (when execution accuracy is
   *     measured) a seed file, does not verify against its manifest
   */
  public static Result run(TrainSettings settings, Consumer<String> progress) {
    settings.validate();
    String nativeSettings = DjlEnvironment.configure(settings.modelsDir().getParent());
    DatasetReader reader = DatasetReader.open(settings.dataset());
    if (settings.validationExSample() > 0 || settings.testExSample() != 0) {
      // execution accuracy runs SQL on the seed data: refuse seed files that do not match their manifest
      Manifests.verify(settings.seedDir());
    }
    DjlTrainer t = new DjlTrainer(settings, progress);
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("model", settings.model());
    options.put("lr", settings.learningRate());
    options.put("warmup", settings.warmupSteps());
    options.put("batch", settings.batchSize());
    options.put("epochs", settings.epochs());
    options.put("maxSteps", settings.maxSteps());
    options.put("patience", settings.patience());
    options.put("clip", settings.clipNorm());
    options.put("valExSample", settings.validationExSample());
    options.put("testExSample", settings.testExSample());
    Result[] out = new Result[1];
    Path target = settings.modelsDir().resolve(settings.modelId());
    StageRunner.StageResult r = StageRunner.run(
        new StageRunner.StageRequest("train", settings.command(), options, settings.seed(),
            Map.of("dataset", settings.dataset()), settings.force()),
        target,
        tmp -> {
          progress.accept("device: " + Engine.getInstance().defaultDevice() + "; " + nativeSettings);
          out[0] = t.train(reader, tmp, target);
          ObjectNode counts = ModelFiles.JSON.createObjectNode();
          counts.put("steps", out[0].steps());
          counts.put("tokens", out[0].tokens());
          counts.put("test_execution_accuracy", out[0].testExecutionAccuracy());
          return new StageRunner.StageOutput(counts, Map.of());
        });
    ModelFiles.markLatest(settings.modelsDir(), settings.modelId());
    if (r.skipped()) {
      return new Result(target, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, true);
    }
    StageRunner.deleteRecursively(settings.modelsDir().resolve(".work-" + settings.modelId()));
    return new Result(target, out[0].epochs(), out[0].steps(), out[0].tokens(), out[0].wallSeconds(),
        out[0].tokensPerSecond(), out[0].finalValLoss(), out[0].valExecutionAccuracy(),
        out[0].testExecutionAccuracy(), false);
  }

  private Result train(DatasetReader reader, Path outDir, Path target) throws IOException {
    long wallStart = System.nanoTime();
    Domain domain = DomainLoader.load(s.domain());
    Preprocessor pre = new Preprocessor(new LiteralAnonymizer(domain));
    List<Pair> trainPairs = reader.read("train");
    List<Pair> valPairs = reader.read("validation");
    List<Pair> testPairs = reader.read("test");
    List<Preprocessor.Tokens> trainTok = trainPairs.stream().map(pre::tokens).toList();
    Vocabulary vocab = Vocabulary.build(
        trainTok.stream().map(Preprocessor.Tokens::question).toList(),
        trainTok.stream().map(Preprocessor.Tokens::sql).toList(), 2);
    ModelConfig cfg = s.model().withVocabSize(vocab.size());
    List<Example> train = encode(trainTok, vocab, cfg);
    List<Example> val = encode(valPairs.stream().map(pre::tokens).toList(), vocab, cfg);
    long clean = trainTok.stream().filter(Preprocessor.Tokens::clean).count();
    progress.accept(String.format("train: %,d pairs (%,d usable, %.1f%% with every string literal anonymized), "
        + "validation %,d, test %,d, vocabulary %d tokens", trainPairs.size(), train.size(),
        100.0 * clean / trainPairs.size(), valPairs.size(), testPairs.size(), vocab.size()));

    Path work = s.modelsDir().resolve(".work-" + s.modelId());
    Path ckDir = work.resolve("checkpoints");
    InterruptedRun.Decision decision =
        InterruptedRun.decide(work, InterruptedRun.fingerprint(s, cfg, reader.manifestSha256()), s.resume());
    if (decision.message() != null) {
      progress.accept(decision.message());
    }
    Files.createDirectories(ckDir);
    Path metrics = work.resolve(ModelFiles.METRICS);

    try (NDManager root = NDManager.newBaseManager();
        TransformerModel model = TransformerModel.create(cfg, root, s.seed());
        GracefulStop stop = new GracefulStop(60)) {
      AdamOptimizer adam = new AdamOptimizer(model);
      TrainState st = new TrainState();
      if (decision.resume()) {
        Checkpoints.Loaded l = Checkpoints.loadLatest(ckDir, model, adam);
        st = l.state();
        dropMetricsAfter(work.resolve(ModelFiles.METRICS), st.step);
        progress.accept(String.format("resume: continuing after step %d (epoch %d, batch %d)", st.step, st.epoch + 1, st.batchInEpoch));
      }
      int stepsPerEpoch = (train.size() + s.batchSize() - 1) / s.batchSize();
      long totalSteps = s.maxSteps() > 0 ? Math.min(s.maxSteps(), (long) stepsPerEpoch * s.epochs())
          : (long) stepsPerEpoch * s.epochs();
      long sessionStart = System.nanoTime();
      long sessionTokens = 0;
      long sessionSteps = 0;
      double lastValLoss = Double.NaN;
      double lastValEx = Double.NaN;
      boolean earlyStop = false;
      boolean needSandbox = s.validationExSample() > 0 || s.testExSample() != 0;
      try (SqlSandbox sandbox = needSandbox
          ? SqlSandbox.open(domain, s.seedDir(), SandboxSettings.defaults().withTimeout(java.time.Duration.ofSeconds(2)))
          : null) {
        ExecutionMatch em = sandbox == null ? null : new ExecutionMatch(sandbox);
        while (!earlyStop && st.epoch < s.epochs() && (s.maxSteps() == 0 || st.step < s.maxSteps())) {
          List<List<Integer>> batches = batches(train, st.epoch);
          double epochLoss = 0;
          long epochTokens = 0;
          int epochBatches = 0;
          for (int bi = st.batchInEpoch; bi < batches.size(); bi++) {
            if (s.maxSteps() > 0 && st.step >= s.maxSteps()) {
              break;
            }
            Engine.getInstance().setRandomSeed((int) (s.seed() * 1_000_003L + st.step));
            double lr = learningRate(st.step, totalSteps);
            double[] lossTok = step(model, adam, train, batches.get(bi), lr);
            st.step++;
            st.batchInEpoch = bi + 1;
            st.tokens += (long) lossTok[1];
            sessionTokens += (long) lossTok[1];
            sessionSteps++;
            epochLoss += lossTok[0];
            epochBatches++;
            double secs = (System.nanoTime() - sessionStart) / 1e9;
            double tps = sessionTokens / Math.max(1e-9, secs);
            double eta = (totalSteps - st.step) * secs / Math.max(1, sessionSteps);
            appendJson(metrics, Map.of("kind", "step", "epoch", st.epoch + 1, "step", st.step, "loss", lossTok[0],
                "lr", lr, "grad_norm", lossTok[2], "tokens_per_s", tps));
            if (st.step % 10 == 0 || st.step == 1) {
              progress.accept(String.format("epoch %d/%d step %d/%d loss %.4f lr %.2e %.0f tokens/s ETA %s",
                  st.epoch + 1, s.epochs(), st.step, totalSteps, lossTok[0], lr, tps, eta(eta)));
            }
            if (s.checkpointEvery() > 0 && st.step % s.checkpointEvery() == 0) {
              Checkpoints.save(ckDir, model, adam, st);
            }
            if (stop.requested()) {
              Checkpoints.save(ckDir, model, adam, st);
              progress.accept("stop requested: checkpoint written after step " + st.step
                  + "; run the same command again to resume");
              stop.acknowledge();
              throw new GracefulStop.Stopped(st.step);
            }
          }
          boolean epochDone = st.batchInEpoch >= batches.size();
          if (!epochDone) {
            break; // max steps reached inside the epoch
          }
          lastValLoss = validationLoss(model, val);
          lastValEx = s.validationExSample() > 0
              ? executionAccuracy(model, vocab, pre, em, sample(valPairs, s.validationExSample())) : Double.NaN;
          double score = s.validationExSample() > 0 ? lastValEx : -lastValLoss;
          if (score > st.bestScore) {
            st.bestScore = score;
            st.badEpochs = 0;
            model.save(work.resolve("best-" + ModelFiles.PARAMETERS));
          } else {
            st.badEpochs++;
          }
          appendJson(metrics, Map.of("kind", "epoch", "epoch", st.epoch + 1, "step", st.step,
              "train_loss", epochBatches == 0 ? Double.NaN : epochLoss / epochBatches, "val_loss", lastValLoss,
              "val_execution_accuracy", Double.isNaN(lastValEx) ? -1 : lastValEx));
          progress.accept(String.format("epoch %d done: val loss %.4f, val execution accuracy %s",
              st.epoch + 1, lastValLoss, Double.isNaN(lastValEx) ? "n/a" : String.format("%.1f%%", 100 * lastValEx)));
          st.epoch++;
          st.batchInEpoch = 0;
          if (s.patience() > 0 && st.badEpochs >= s.patience()) {
            progress.accept("early stopping: no validation improvement for " + st.badEpochs + " epochs");
            earlyStop = true;
          }
          Checkpoints.save(ckDir, model, adam, st);
        }
        Path best = work.resolve("best-" + ModelFiles.PARAMETERS);
        TransformerModel finalModel = model;
        TransformerModel loaded = null;
        if (Files.exists(best)) {
          loaded = TransformerModel.load(cfg, root, best);
          finalModel = loaded;
        }
        finalModel.save(outDir.resolve(ModelFiles.PARAMETERS));
        double testEx = Double.NaN;
        int testN = 0;
        if (s.testExSample() != 0) {
          List<Pair> t = s.testExSample() < 0 ? testPairs : sample(testPairs, s.testExSample());
          testN = t.size();
          testEx = executionAccuracy(finalModel, vocab, pre, em, t);
          progress.accept(String.format("test execution accuracy %.1f%% on %d questions", 100 * testEx, testN));
        }
        if (loaded != null) {
          loaded.close();
        }
        vocab.save(outDir.resolve(ModelFiles.TOKENIZER));
        ModelFiles.writeConfig(outDir, cfg, s.domain());
        appendJson(metrics, Map.of("kind", "final", "step", st.step, "test_execution_accuracy",
            Double.isNaN(testEx) ? -1 : testEx, "test_questions", testN));
        Files.copy(metrics, outDir.resolve(ModelFiles.METRICS), StandardCopyOption.REPLACE_EXISTING);
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double tps = sessionTokens / Math.max(1e-9, (System.nanoTime() - sessionStart) / 1e9);
        Result res = new Result(target, st.epoch, st.step, st.tokens, wall, tps, lastValLoss, lastValEx, testEx, false);
        ModelCard.write(outDir.resolve(ModelFiles.CARD), s, cfg, model.parameterCount(), reader.manifestSha256(),
            res, train.size(), clean, trainPairs.size(), testN);
        return res;
      }
    }
  }

  private double[] step(TransformerModel model, AdamOptimizer adam, List<Example> data, List<Integer> idx, double lr) {
    try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      List<int[]> qs = new ArrayList<>();
      List<int[]> ss = new ArrayList<>();
      long tokens = 0;
      for (int i : idx) {
        qs.add(data.get(i).question());
        ss.add(data.get(i).sql());
        tokens += data.get(i).question().length + data.get(i).sql().length + 2;
      }
      Batch b = Batch.of(m, qs, ss, null, model.config().maxQuestion());
      float loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = loss(model, b, true);
        gc.backward(l);
        loss = l.getFloat();
      }
      double norm = adam.step(model, lr, s.clipNorm());
      return new double[] {loss, tokens, norm};
    }
  }

  /**
   * Removes the metrics lines of steps after {@code step} (done after the last checkpoint of an interrupted
   * run, and done again on resume), so that each step appears once.
   */
  private static void dropMetricsAfter(Path metrics, long step) throws IOException {
    if (!Files.exists(metrics)) {
      return;
    }
    List<String> keep = new ArrayList<>();
    for (String line : Files.readAllLines(metrics)) {
      com.fasterxml.jackson.databind.JsonNode n;
      try {
        n = ModelFiles.JSON.readTree(line);
      } catch (com.fasterxml.jackson.core.JsonProcessingException cutOff) {
        continue; // the last line of a killed run may be incomplete
      }
      if (n != null && n.has("step") && n.get("step").asLong() <= step) {
        keep.add(line);
      }
    }
    Path tmp = Files.createTempFile(metrics.getParent(), ".metrics", ".tmp");
    Files.write(tmp, keep);
    Files.move(tmp, metrics, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Mean cross-entropy over the SQL tokens and {@code <eos>} of a batch. */
  static NDArray loss(TransformerModel model, Batch b, boolean training) {
    NDArray h = model.forward(b.tokens(), b.positions(), b.keyMask(), training);
    NDArray tail = h.get(new NDIndex(":, " + (b.prefix() - 1) + ":, :"));
    NDArray logp = model.logits(tail).logSoftmax(-1);
    NDArray labels = b.labels();
    // gather the label's log-probability: (B, S+1, V) -> (B, S+1); no one-hot (B, S+1, V) tensor
    NDArray picked = logp.gather(labels.toType(ai.djl.ndarray.types.DataType.INT64, false).expandDims(-1), -1)
        .squeeze(-1);
    NDArray mask = labels.neq(Vocabulary.PAD).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    return picked.mul(mask).sum().neg().div(mask.sum());
  }

  private double validationLoss(TransformerModel model, List<Example> val) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < val.size(); i += 128) {
      List<int[]> qs = new ArrayList<>();
      List<int[]> ss = new ArrayList<>();
      for (int j = i; j < Math.min(val.size(), i + 128); j++) {
        qs.add(val.get(j).question());
        ss.add(val.get(j).sql());
      }
      try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
        scope.suppressNotUsedWarning();
        Batch b = Batch.of(m, qs, ss, null, model.config().maxQuestion());
        sum += loss(model, b, false).getFloat() * qs.size();
        n += qs.size();
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Greedy-decodes {@code pairs} in batches of 64 and returns the share whose results match the gold. */
  static double executionAccuracy(TransformerModel model, Vocabulary vocab, Preprocessor pre, ExecutionMatch em,
      List<Pair> pairs) {
    Decoder dec = new Decoder(model);
    SqlCodec codec = new SqlCodec(vocab, pre.anonymizer(), model.config());
    int ok = 0;
    for (int i = 0; i < pairs.size(); i += 64) {
      List<Pair> chunk = pairs.subList(i, Math.min(pairs.size(), i + 64));
      List<SqlCodec.Encoded> enc = chunk.stream().map(p -> codec.encodeQuestion(p.question())).toList();
      List<Decoder.Hypothesis> hyps = dec.greedy(enc.stream().map(SqlCodec.Encoded::ids).toList());
      for (int j = 0; j < chunk.size(); j++) {
        String sql = codec.decode(hyps.get(j).ids(), enc.get(j).literals());
        if (em.matches(sql, chunk.get(j).sql())) {
          ok++;
        }
      }
    }
    return pairs.isEmpty() ? Double.NaN : (double) ok / pairs.size();
  }

  private List<List<Integer>> batches(List<Example> data, int epoch) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      order.add(i);
    }
    Random rnd = new Random(s.seed() + epoch);
    Collections.shuffle(order, rnd);
    List<List<Integer>> out = new ArrayList<>();
    int chunk = s.batchSize() * 50;
    for (int c = 0; c < order.size(); c += chunk) {
      List<Integer> part = new ArrayList<>(order.subList(c, Math.min(order.size(), c + chunk)));
      part.sort((a, b) -> Integer.compare(data.get(a).sql().length, data.get(b).sql().length));
      for (int i = 0; i < part.size(); i += s.batchSize()) {
        out.add(part.subList(i, Math.min(part.size(), i + s.batchSize())));
      }
    }
    Collections.shuffle(out, rnd);
    return out;
  }

  private List<Pair> sample(List<Pair> pairs, int n) {
    if (n >= pairs.size()) {
      return pairs;
    }
    List<Pair> copy = new ArrayList<>(pairs);
    Collections.shuffle(copy, new Random(s.seed()));
    return copy.subList(0, n);
  }

  private static List<Example> encode(List<Preprocessor.Tokens> toks, Vocabulary v, ModelConfig cfg) {
    List<Example> out = new ArrayList<>();
    for (Preprocessor.Tokens t : toks) {
      if (t.sql().size() > cfg.maxSql()) {
        continue;
      }
      List<String> q = t.question().size() > cfg.maxQuestion() ? t.question().subList(0, cfg.maxQuestion()) : t.question();
      out.add(new Example(v.encode(q), v.encode(t.sql())));
    }
    return out;
  }

  private double learningRate(long step, long total) {
    if (step < s.warmupSteps()) {
      return s.learningRate() * (step + 1) / s.warmupSteps();
    }
    double progressRatio = Math.min(1.0, (double) (step - s.warmupSteps()) / Math.max(1, total - s.warmupSteps()));
    return s.learningRate() * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progressRatio)));
  }

  private static String eta(double seconds) {
    long sec = Math.round(seconds);
    return String.format("%d:%02d:%02d", sec / 3600, (sec / 60) % 60, sec % 60);
  }

  static void appendJson(Path file, Map<String, Object> row) {
    try {
      Files.writeString(file, ModelFiles.JSON.writeValueAsString(new java.util.TreeMap<>(row)) + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to " + file, e);
    }
  }

}
