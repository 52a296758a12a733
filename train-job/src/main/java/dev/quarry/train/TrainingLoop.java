package dev.quarry.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.quarry.train.encoder.TokenFeatures;
import dev.quarry.train.model.AdamOptimizer;
import dev.quarry.train.model.Batch;
import dev.quarry.train.model.TransformerModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The optimizer loop of the embedded trainer and nothing else: epochs of length-bucketed batches in a seeded
 * order, one step per batch (forward, loss, backward, {@link AdamOptimizer#step}), learning-rate schedule, and
 * events for its {@link TrainingListener}s, which do the logging, checkpoints, validation and early stopping.
 *
 * <p>Determinism: the batch order of epoch {@code e} comes from {@code Random(seed + e)}; the engine's random
 * generator (dropout) is reset to {@code seed * 1_000_003 + step} before each step; so a run resumed from a
 * checkpoint ({@link TrainState}) repeats exactly what the uninterrupted run would have done on the same CPU.
 *
 * <p>Schedule: linear warm-up over {@code warmupSteps} to the peak learning rate, then cosine decay to 10% of
 * the peak at the last step (Loshchilov &amp; Hutter 2017, SGDR, without restarts).
 */
public final class TrainingLoop {

  /**
   * One optimizer step's figures.
   *
   * @param loss mean cross-entropy of the batch, nats per SQL token
   * @param tokens tokens trained on (question + {@code <sep>} + SQL + {@code <eos>}, padding excluded)
   * @param gradNorm global gradient L2 norm before clipping
   * @param learningRate learning rate used
   */
  public record StepResult(double loss, long tokens, double gradNorm, double learningRate) {}

  /** What listeners see and may change. */
  public final class Context {
    private String stopReason;

    /** The model being trained. */
    public TransformerModel model() {
      return model;
    }

    /** The optimizer. */
    public AdamOptimizer optimizer() {
      return adam;
    }

    /** Counters (mutable; saved in checkpoints). */
    public TrainState state() {
      return state;
    }

    /** The run's settings. */
    public TrainSettings settings() {
      return settings;
    }

    /** Steps the whole run will take when it is not stopped early. */
    public long totalSteps() {
      return totalSteps;
    }

    /** Mean training loss of the batches of the current (or just finished) epoch done in this session. */
    public double epochTrainLoss() {
      return epochBatches == 0 ? Double.NaN : epochLoss / epochBatches;
    }

    /** Wall time by phase. */
    public PhaseTimes times() {
      return times;
    }

    /** Ends the loop after the current event (e.g. early stopping). */
    public void requestStop(String reason) {
      stopReason = reason;
    }

    /** The reason given to {@link #requestStop}, or null. */
    public String stopReason() {
      return stopReason;
    }
  }

  private final TrainSettings settings;
  private final TransformerModel model;
  private final AdamOptimizer adam;
  private final TrainState state;
  private final List<Example> data;
  private final PhaseTimes times;
  private final List<TrainingListener> listeners;
  private final WordDropout wordDropout;
  private final long totalSteps;
  private final Context ctx = new Context();
  private double epochLoss;
  private int epochBatches;

  /**
   * A loop over {@code data} continuing from {@code state}.
   *
   * @param wordDropout applied to the questions of each batch (seeded by the step), or null for none
   * @param listeners called in this order at every event
   */
  public TrainingLoop(TrainSettings settings, TransformerModel model, AdamOptimizer adam, TrainState state,
      List<Example> data, WordDropout wordDropout, PhaseTimes times, List<TrainingListener> listeners) {
    this.settings = settings;
    this.model = model;
    this.adam = adam;
    this.state = state;
    this.data = data;
    this.times = times;
    this.listeners = List.copyOf(listeners);
    this.wordDropout = wordDropout;
    int stepsPerEpoch = (data.size() + settings.schedule().batchSize() - 1) / settings.schedule().batchSize();
    long all = (long) stepsPerEpoch * settings.schedule().epochs();
    this.totalSteps = settings.schedule().maxSteps() > 0 ? Math.min(settings.schedule().maxSteps(), all) : all;
  }

  /** Runs until the epochs are done, the step limit is reached or a listener requests a stop. */
  public Context run() {
    listeners.forEach(l -> l.onTrainingBegin(ctx));
    while (ctx.stopReason == null && state.epoch < settings.schedule().epochs() && !stepLimitReached()) {
      List<List<Integer>> batches = batches(data, state.epoch, settings.seed(), settings.schedule().batchSize());
      epochLoss = 0;
      epochBatches = 0;
      for (int bi = state.batchInEpoch; bi < batches.size() && !stepLimitReached(); bi++) {
        Engine.getInstance().setRandomSeed((int) (settings.seed() * 1_000_003L + state.step));
        double lr = learningRate(state.step);
        List<Integer> idx = batches.get(bi);
        StepResult r = times.time(PhaseTimes.Phase.STEPS, () -> step(idx, lr));
        state.step++;
        state.batchInEpoch = bi + 1;
        state.tokens += r.tokens();
        epochLoss += r.loss();
        epochBatches++;
        listeners.forEach(l -> l.onStep(ctx, r));
        if (ctx.stopReason != null) {
          break;
        }
      }
      if (ctx.stopReason != null || state.batchInEpoch < batches.size()) {
        break; // stopped, or the step limit fell inside the epoch
      }
      int finished = state.epoch;
      state.epoch++;
      state.batchInEpoch = 0;
      listeners.forEach(l -> l.onEpochEnd(ctx, finished));
    }
    listeners.forEach(l -> l.onTrainingEnd(ctx));
    return ctx;
  }

  private boolean stepLimitReached() {
    return settings.schedule().maxSteps() > 0 && state.step >= settings.schedule().maxSteps();
  }

  private StepResult step(List<Integer> idx, double lr) {
    try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      List<int[]> qs = new ArrayList<>(idx.size());
      List<int[]> ss = new ArrayList<>(idx.size());
      List<TokenFeatures> fs = model.config().questionFeatures() > 0 ? new ArrayList<>(idx.size()) : null;
      Random words = new Random(settings.seed() * 1_000_033L + state.step);
      long tokens = 0;
      for (int i : idx) {
        Example e = data.get(i);
        qs.add(wordDropout == null ? e.question() : wordDropout.apply(e.question(), words));
        ss.add(e.sql());
        if (fs != null) {
          fs.add(e.features());
        }
        tokens += e.question().length + e.sql().length + 2;
      }
      double[] lossNorm = trainStep(model, adam, m, qs, fs, ss, lr, settings.optimizer().clipNorm());
      return new StepResult(lossNorm[0], tokens, lossNorm[1], lr);
    }
  }

  /**
   * One optimizer step on one batch: forward with dropout, loss, backward, {@link AdamOptimizer#step}. The
   * benchmark runs this same method.
   *
   * @param m manager for the batch's arrays (the caller closes it)
   * @param qs question ids per row; {@code fs} their pretrained features (or null); {@code ss} SQL ids per row
   * @return {the batch's loss in nats per SQL token, the global gradient norm before clipping}
   */
  static double[] trainStep(TransformerModel model, AdamOptimizer adam, NDManager m, List<int[]> qs,
      List<TokenFeatures> fs, List<int[]> ss, double lr, double clip) {
    Batch b = Batch.of(m, qs, fs, ss, null, model.config().maxQuestion());
    float loss;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray l = DjlTrainer.loss(model, b, true);
      gc.backward(l);
      loss = l.getFloat();
    }
    double norm = adam.step(model, lr, clip);
    return new double[] {loss, norm};
  }

  /** Learning rate of 0-based {@code step}: linear warm-up, then cosine decay to 10% of the peak. */
  double learningRate(long step) {
    if (step < settings.schedule().warmupSteps()) {
      return settings.optimizer().learningRate() * (step + 1) / settings.schedule().warmupSteps();
    }
    double progress = Math.min(1.0,
        (double) (step - settings.schedule().warmupSteps()) / Math.max(1, totalSteps - settings.schedule().warmupSteps()));
    return settings.optimizer().learningRate() * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }

  /** Batches per sorted chunk in {@link #batches}. */
  static final int CHUNK_BATCHES = 200;

  /** SQL lengths within this many tokens count as equal when batches are formed, so question length decides. */
  static final int SQL_LENGTH_BUCKET = 4;

  /**
   * The batches of one epoch: a seeded shuffle, then, within chunks of {@value #CHUNK_BATCHES} batches, rows sorted
   * by SQL length in buckets of {@value #SQL_LENGTH_BUCKET} tokens and then by question length, then the batches
   * shuffled again. A batch is padded to its longest question plus its longest SQL, so sorting on both keeps the
   * padding small: on the education dataset the computed positions exceed the real tokens by about 5%, against
   * 16% when only the SQL length in chunks of 50 batches is sorted (and the attention cost grows with the square).
   *
   * @return lists of row indices into {@code data}, each row exactly once
   */
  static List<List<Integer>> batches(List<Example> data, int epoch, long seed, int batchSize) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      order.add(i);
    }
    Random rnd = new Random(seed + epoch);
    Collections.shuffle(order, rnd);
    List<List<Integer>> out = new ArrayList<>();
    int chunk = batchSize * CHUNK_BATCHES;
    java.util.Comparator<Integer> byLength = java.util.Comparator
        .<Integer>comparingInt(i -> data.get(i).sql().length / SQL_LENGTH_BUCKET)
        .thenComparingInt(i -> data.get(i).question().length);
    for (int c = 0; c < order.size(); c += chunk) {
      List<Integer> part = new ArrayList<>(order.subList(c, Math.min(order.size(), c + chunk)));
      part.sort(byLength);
      for (int i = 0; i < part.size(); i += batchSize) {
        out.add(part.subList(i, Math.min(part.size(), i + batchSize)));
      }
    }
    Collections.shuffle(out, rnd);
    return out;
  }

  /**
   * Padded positions over real tokens of a list of batches: each batch costs rows × (longest question + longest
   * SQL + 2), each row question + SQL + 2 (the separator and end token).
   *
   * @return the ratio, ≥ 1
   */
  static double paddingRatio(List<Example> data, List<List<Integer>> batches) {
    long real = 0;
    long padded = 0;
    for (List<Integer> b : batches) {
      int q = 0;
      int s = 0;
      for (int i : b) {
        q = Math.max(q, data.get(i).question().length);
        s = Math.max(s, data.get(i).sql().length);
        real += data.get(i).question().length + data.get(i).sql().length + 2;
      }
      padded += (long) b.size() * (q + s + 2);
    }
    return real == 0 ? 1 : (double) padded / real;
  }
}
