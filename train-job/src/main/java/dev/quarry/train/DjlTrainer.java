package dev.quarry.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.core.workspace.StageRunner;
import dev.quarry.core.workspace.Workspace;
import dev.quarry.train.encoder.QuestionFeaturizer;
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
 * The embedded trainer: reads a verified dataset ({@link TrainingData}), builds the tokenizer, and trains a
 * {@link TransformerModel} with {@link AdamOptimizer} in a {@link TrainingLoop} whose listeners do the logging
 * ({@link ProgressListener}), validation, best-model keeping and early stopping ({@link ValidationListener}) and
 * checkpoints ({@link CheckpointListener}); then measures test execution accuracy and writes
 * {@code models/<model-id>/} through {@link StageRunner} (temp dir → rename) and then {@code models/LATEST}.
 *
 * <p>Work in progress lives in {@code models/.work-<model-id>/} (checkpoints, metrics, the run's fingerprint).
 * A run with the same inputs and settings as an interrupted one resumes from its last checkpoint
 * ({@link InterruptedRun}); SIGTERM makes the loop checkpoint the current step before the JVM exits
 * ({@link GracefulStop}). Wall time is reported by phase ({@link PhaseTimes}) in the log, the metrics and the
 * model card.
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
    if (settings.evaluation().validationExSample() > 0 || settings.evaluation().testExSample() != 0) {
      // execution accuracy runs SQL on the seed data: refuse seed files that do not match their manifest
      Manifests.verify(settings.seedDir());
    }
    DjlTrainer t = new DjlTrainer(settings, progress);
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("model", settings.model());
    options.put("lr", settings.optimizer().learningRate());
    options.put("warmup", settings.schedule().warmupSteps());
    options.put("batch", settings.schedule().batchSize());
    options.put("epochs", settings.schedule().epochs());
    options.put("maxSteps", settings.schedule().maxSteps());
    options.put("patience", settings.evaluation().patience());
    options.put("clip", settings.optimizer().clipNorm());
    options.put("valExSample", settings.evaluation().validationExSample());
    options.put("testExSample", settings.evaluation().testExSample());
    Result[] out = new Result[1];
    Path target = settings.modelsDir().resolve(settings.modelId());
    StageRunner.StageResult r = StageRunner.run(
        new StageRunner.StageRequest("train", settings.command(), options, settings.seed(),
            Map.of("dataset", settings.dataset()), settings.force()),
        target,
        tmp -> {
          progress.accept("device: " + NativeRuntime.device() + "; " + nativeSettings);
          out[0] = t.train(reader, tmp, target);
          ObjectNode counts = ModelFiles.JSON.createObjectNode();
          counts.put("steps", out[0].steps());
          counts.put("tokens", out[0].tokens());
          counts.put("test_execution_accuracy", out[0].testExecutionAccuracy());
          return new StageRunner.StageOutput(counts, Map.of());
        });
    ModelRegistry.markLatest(settings.modelsDir(), settings.modelId());
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
    PhaseTimes times = new PhaseTimes();
    Domain domain = DomainLoader.load(s.domain());
    Preprocessor pre = new Preprocessor(new LiteralAnonymizer(domain));
    try (QuestionFeaturizer featurizer = s.model().questionFeatures() > 0
        ? QuestionFeaturizer.open(Runtime.getRuntime().availableProcessors(),
            new Workspace(s.modelsDir().getParent()).cacheDir().resolve("encoder")) : null) {
      return train(reader, outDir, target, wallStart, times, domain, pre, featurizer);
    }
  }

  private Result train(DatasetReader reader, Path outDir, Path target, long wallStart, PhaseTimes times, Domain domain,
      Preprocessor pre, QuestionFeaturizer featurizer) throws IOException {
    TrainingData data = times.time(PhaseTimes.Phase.DATA,
        () -> TrainingData.prepare(reader, pre, s.model(), featurizer, progress));
    ModelConfig cfg = data.config();
    progress.accept(String.format("train: %,d pairs (%,d usable, %.1f%% with every string literal anonymized), "
        + "validation %,d, test %,d, vocabulary %d tokens", data.trainPairs().size(), data.train().size(),
        100.0 * data.clean() / data.trainPairs().size(), data.validationPairs().size(), data.testPairs().size(),
        data.vocabulary().size()));

    Path work = s.modelsDir().resolve(".work-" + s.modelId());
    Path ckDir = work.resolve("checkpoints");
    InterruptedRun.Decision decision =
        InterruptedRun.decide(work, InterruptedRun.fingerprint(s, cfg, reader.manifestSha256()), s.resume());
    if (decision.message() != null) {
      progress.accept(decision.message());
    }
    Files.createDirectories(ckDir);
    Path metrics = work.resolve(ModelFiles.METRICS);
    Path best = work.resolve("best-" + ModelFiles.PARAMETERS);

    try (NDManager root = NDManager.newBaseManager();
        TransformerModel model = TransformerModel.create(cfg, root, s.seed());
        GracefulStop stop = new GracefulStop(60)) {
      AdamOptimizer adam = new AdamOptimizer(model);
      TrainState st = new TrainState();
      if (decision.resume()) {
        st = Checkpoints.loadLatest(ckDir, model, adam).state();
        dropMetricsAfter(metrics, st.step);
        progress.accept(String.format("resume: continuing after step %d (epoch %d, batch %d)", st.step, st.epoch + 1,
            st.batchInEpoch));
      }
      boolean needSandbox = s.evaluation().validationExSample() > 0 || s.evaluation().testExSample() != 0;
      try (SqlSandbox sandbox = needSandbox
          ? SqlSandbox.open(domain, s.seedDir(), SandboxSettings.defaults().withTimeout(java.time.Duration.ofSeconds(2)))
          : null) {
        ExecutionMatch em = sandbox == null ? null : new ExecutionMatch(sandbox);
        List<TrainingPair> valSample = sample(data.validationPairs(), s.evaluation().validationExSample());
        ProgressListener progressLog = new ProgressListener(metrics, progress);
        ValidationListener validation = new ValidationListener(lossSample(data.validation(), s.seed()),
            s.evaluation().validationExSample() > 0
                ? m -> executionAccuracy(m, data.vocabulary(), pre, featurizer, em, valSample) : null,
            best, metrics, progress);
        new TrainingLoop(s, model, adam, st, data.train(),
            cfg.questionFeatures() > 0 ? new WordDropout(data.vocabulary()) : null, times,
            List.of(progressLog, validation, new CheckpointListener(ckDir, stop, progress))).run();
        stop.acknowledge();

        long testStart = System.nanoTime();
        TransformerModel finalModel = model;
        TransformerModel loaded = null;
        if (Files.exists(best)) {
          loaded = TransformerModel.load(cfg, root, best);
          finalModel = loaded;
        }
        finalModel.save(outDir.resolve(ModelFiles.PARAMETERS));
        double testEx = Double.NaN;
        int testN = 0;
        if (s.evaluation().testExSample() != 0) {
          List<TrainingPair> t = s.evaluation().testExSample() < 0 ? data.testPairs() : sample(data.testPairs(), s.evaluation().testExSample());
          testN = t.size();
          testEx = executionAccuracy(finalModel, data.vocabulary(), pre, featurizer, em, t);
          progress.accept(String.format("test execution accuracy %.1f%% on %d questions", 100 * testEx, testN));
        }
        if (loaded != null) {
          loaded.close();
        }
        data.vocabulary().save(outDir.resolve(ModelFiles.TOKENIZER));
        ModelFiles.writeConfig(outDir, cfg, s.domain());
        times.add(PhaseTimes.Phase.TEST, System.nanoTime() - testStart);
        appendJson(metrics, Map.of("kind", "final", "step", st.step, "test_execution_accuracy",
            Double.isNaN(testEx) ? -1 : testEx, "test_questions", testN,
            "seconds_by_phase", phaseSeconds(times)));
        Files.copy(metrics, outDir.resolve(ModelFiles.METRICS), StandardCopyOption.REPLACE_EXISTING);
        progress.accept(String.format("time: %s; outside the steps %.1f%%", times.summary(),
            100 * times.overheadShare()));
        double wall = (System.nanoTime() - wallStart) / 1e9;
        Result res = new Result(target, st.epoch, st.step, st.tokens, wall, progressLog.tokensPerSecond(),
            validation.lastLoss(), validation.lastExecutionAccuracy(), testEx, false);
        DjlModelCard.write(outDir.resolve(ModelFiles.CARD), s, cfg, model.parameterCount(), reader.manifestSha256(),
            res, data.train().size(), data.clean(), data.trainPairs().size(), testN, times);
        return res;
      }
    }
  }

  private static Map<String, Double> phaseSeconds(PhaseTimes times) {
    Map<String, Double> out = new java.util.TreeMap<>();
    for (PhaseTimes.Phase p : PhaseTimes.Phase.values()) {
      out.put(p.name().toLowerCase(java.util.Locale.ROOT), Math.round(times.seconds(p) * 1000) / 1000.0);
    }
    return out;
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
    NDArray h = model.forward(b.tokens(), b.positions(), b.keyMask(), b.features(), training);
    NDArray tail = h.get(new NDIndex(":, " + (b.prefix() - 1) + ":, :"));
    NDArray logp = model.logits(tail).logSoftmax(-1);
    NDArray labels = b.labels();
    // gather the label's log-probability: (B, S+1, V) -> (B, S+1); no one-hot (B, S+1, V) tensor
    NDArray picked = logp.gather(labels.toType(ai.djl.ndarray.types.DataType.INT64, false).expandDims(-1), -1)
        .squeeze(-1);
    NDArray mask = labels.neq(Vocabulary.PAD).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    return picked.mul(mask).sum().neg().div(mask.sum());
  }

  /** Greedy-decodes {@code pairs} in batches of 64 and returns the share whose results match the gold. */
  static double executionAccuracy(TransformerModel model, Vocabulary vocab, Preprocessor pre,
      QuestionFeaturizer featurizer, ExecutionMatch em, List<TrainingPair> pairs) {
    Decoder dec = new Decoder(model);
    SqlCodec codec = new SqlCodec(vocab, pre.anonymizer(), model.config(), featurizer);
    int ok = 0;
    for (int i = 0; i < pairs.size(); i += 64) {
      List<TrainingPair> chunk = pairs.subList(i, Math.min(pairs.size(), i + 64));
      List<SqlCodec.Encoded> enc = codec.encodeQuestions(chunk.stream().map(TrainingPair::question).toList());
      List<Decoder.Hypothesis> hyps = dec.greedy(enc.stream().map(SqlCodec.Encoded::ids).toList(),
          model.config().questionFeatures() > 0 ? enc.stream().map(SqlCodec.Encoded::features).toList() : null);
      for (int j = 0; j < chunk.size(); j++) {
        String sql = codec.decode(hyps.get(j).ids(), enc.get(j).literals());
        if (em.matches(sql, chunk.get(j).sql())) {
          ok++;
        }
      }
    }
    return pairs.isEmpty() ? Double.NaN : (double) ok / pairs.size();
  }

  /** Validation pairs the validation loss is computed on each epoch (a seeded sample; the loss is only reported). */
  static final int VALIDATION_LOSS_SAMPLE = 1024;

  /** At most {@link #VALIDATION_LOSS_SAMPLE} of {@code val}, the same ones every epoch (seeded shuffle). */
  private static List<Example> lossSample(List<Example> val, long seed) {
    if (val.size() <= VALIDATION_LOSS_SAMPLE) {
      return val;
    }
    List<Example> copy = new ArrayList<>(val);
    Collections.shuffle(copy, new Random(seed));
    return copy.subList(0, VALIDATION_LOSS_SAMPLE);
  }

  private List<TrainingPair> sample(List<TrainingPair> pairs, int n) {
    if (n >= pairs.size()) {
      return pairs;
    }
    List<TrainingPair> copy = new ArrayList<>(pairs);
    Collections.shuffle(copy, new Random(s.seed()));
    return copy.subList(0, n);
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
