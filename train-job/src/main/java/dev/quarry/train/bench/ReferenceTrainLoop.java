package dev.quarry.train.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.modality.nlp.DefaultVocabulary;
import ai.djl.modality.nlp.embedding.TrainableWordEmbedding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import dev.quarry.train.model.Batch;
import dev.quarry.train.model.ModelConfig;
import dev.quarry.train.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference ("anchor") training loop that {@code quarry bench train} compares Quarry's hand-written
 * trainer ({@code DjlTrainer} with {@code TransformerModel} and {@code AdamOptimizer}) against: the same
 * model shape and the same input tensors, but written the plain DJL way, as a DJL user following DJL's
 * training examples would write it — a {@link ai.djl.nn.Block} composed from DJL's own blocks, a
 * {@link DefaultTrainingConfig} with a {@link Loss}, {@link Optimizer#adam()} and a {@link NormalInitializer},
 * and the per-batch loop body of DJL's own {@code EasyTrain.fit} ({@code trainBatch}, {@code step},
 * {@code batch.close()}), which is what DJL's "Train your first model" tutorial runs and what the D2L-Java
 * chapters write out by hand.
 *
 * <h2>Model (pre-LayerNorm GPT-2 layout, as {@code TransformerModel})</h2>
 *
 * <ul>
 *   <li>token embedding: {@link TrainableWordEmbedding} over ids {@code 0..V-1}, (V, d);
 *   <li>learned position embedding: {@link TrainableWordEmbedding} over {@code cfg.positions()} ids, (P, d);
 *   <li>{@link Dropout} on the summed embeddings;
 *   <li>{@code layers} × decoder layer: x += Dropout(Attention(LayerNorm(x), mask)); x += FFN(LayerNorm(x))
 *       where Attention is DJL's {@link ScaledDotProductAttentionBlock} (three {@link Linear} projections
 *       Q, K, V of width d and a {@link Linear} result projection, all with bias; dropout on the attention
 *       probabilities) and FFN is a {@link SequentialBlock} Linear(ffn) → GELU → Linear(d) → Dropout;
 *   <li>final {@link LayerNorm};
 *   <li>output logits = hidden · Eᵀ with the token embedding E: <b>tied</b>, as in Quarry, so the output
 *       adds no parameters.
 * </ul>
 *
 * <p>The attention mask is built per batch in Java-side DJL ops: (B, T, T) with 1 where query i may attend
 * key j (j ≤ i and key j is a real token), 0 elsewhere — DJL's attention block turns 0 into −100000 before
 * the softmax (Quarry uses −1e9; no difference after the softmax).
 *
 * <p>Parameter count (identical to {@code TransformerModel.parameterCount()} for the same config):
 * {@code V·d + P·d + layers·(4·d² + 4·d  +  2·d·ffn + ffn + d  +  4·d) + 2·d} with {@code P =
 * maxQuestion + maxSql + 2}; see {@link #parameterCount}.
 *
 * <p>Training: {@link DefaultTrainingConfig} with {@link SqlTokenLoss} (mean cross-entropy over the label
 * columns that are not padding, i.e. the SQL tokens and {@code <eos>}, exactly Quarry's loss), Adam with
 * β1 = 0.9, β2 = 0.98, ε = 1e-9, a fixed learning rate, no weight decay and no gradient clipping
 * ({@link #LEARNING_RATE}), weights initialised normal with σ = 0.02 (biases 0, LayerNorm gain 1 and shift 0:
 * DJL's defaults for those parameter types). Each step's tensors come from
 * {@link Batch#of(NDManager, List, List, List, int)} — the very tensors Quarry trains on: tokens, positions
 * and keyMask are the DJL batch's data, labels its label.
 *
 * <p>Known differences from Quarry's trainer, none of which changes the model's shape or its FLOPs by more
 * than a few element-wise operations: Q, K and V are three Linears (DJL's attention block) instead of one
 * fused (d, 3d) matrix — same parameter count; masked scores get −1e5 instead of −1e9; DJL's Adam adds ε to
 * √v and folds the bias corrections into the step size (Quarry adds ε to √v̂), and this loop neither clips
 * gradients nor schedules the learning rate; initial values come from DJL's engine generator, not
 * {@code java.util.Random}, so the same seed gives different (identically distributed) weights. The loss
 * value is read back to the host only on the first and the last step.
 *
 * <p>Memory: each step's batch lives in a sub-manager of the trainer's manager and is closed with the DJL
 * {@link ai.djl.training.dataset.Batch}; from the second step on the whole step also runs in an
 * {@link NDScope}, which frees temporaries that DJL attaches elsewhere (gradient handles, the transposed
 * embedding). The first step runs outside the scope because DJL's Adam creates its moment arrays lazily
 * in it.
 */
public final class ReferenceTrainLoop {

  /** The fixed Adam learning rate of {@link #run}. */
  public static final float LEARNING_RATE = 1e-3f;

  /**
   * What a run measured.
   *
   * @param parameters scalar parameter count of the DJL model
   * @param steps number of timed steps
   * @param tokens sum over timed steps of {@code q.length + s.length + 2} per row (question, {@code <sep>},
   *     SQL, {@code <eos>}; padding excluded)
   * @param seconds wall seconds of the timed steps
   * @param firstLoss loss of the first step (warm-up included), nats per SQL token
   * @param lastLoss loss of the last timed step, nats per SQL token
   */
  public record Result(long parameters, int steps, long tokens, double seconds, float firstLoss, float lastLoss) {}

  private ReferenceTrainLoop() {}

  /**
   * Runs {@code warmup} untimed steps, then {@code steps} timed steps with learning rate
   * {@link #LEARNING_RATE}; step {@code i} (warm-up steps counted) uses batch {@code i % batches.size()}.
   *
   * @param cfg model size; {@code vocabSize} must be set and cover every id used
   * @param questionBatches per batch, the question ids of each row (already cut to {@code maxQuestion})
   * @param sqlBatches per batch, the SQL ids of each row without {@code <eos>} (same convention as
   *     {@link Batch#of}); same sizes as {@code questionBatches}
   * @param warmup untimed steps (≥ 0)
   * @param steps timed steps (≥ 1)
   * @param seed seeds DJL's engine random generator (initialisation and dropout)
   * @return the measurement
   */
  public static Result run(ModelConfig cfg, List<List<int[]>> questionBatches, List<List<int[]>> sqlBatches,
      int warmup, int steps, long seed) {
    return run(cfg, questionBatches, sqlBatches, warmup, steps, seed, LEARNING_RATE);
  }

  /**
   * Like {@link #run(ModelConfig, List, List, int, int, long)} with an explicit learning rate.
   *
   * @param cfg model size; {@code vocabSize} must be set and cover every id used
   * @param questionBatches per batch, the question ids of each row
   * @param sqlBatches per batch, the SQL ids of each row without {@code <eos>}
   * @param warmup untimed steps (≥ 0)
   * @param steps timed steps (≥ 1)
   * @param seed seeds DJL's engine random generator (cast to int, as DJL takes it)
   * @param learningRate fixed Adam learning rate
   * @return the measurement
   */
  public static Result run(ModelConfig cfg, List<List<int[]>> questionBatches, List<List<int[]>> sqlBatches,
      int warmup, int steps, long seed, float learningRate) {
    cfg.validate();
    if (cfg.vocabSize() < 4) {
      throw new IllegalArgumentException("vocabSize must be set (was " + cfg.vocabSize() + ")");
    }
    if (questionBatches.isEmpty() || questionBatches.size() != sqlBatches.size()) {
      throw new IllegalArgumentException("need the same, non-zero number of question and SQL batches");
    }
    if (warmup < 0 || steps < 1) {
      throw new IllegalArgumentException("warmup must be ≥ 0 and steps ≥ 1");
    }
    Engine.getInstance().setRandomSeed((int) seed);
    int b0 = questionBatches.get(0).size();
    int t0 = 2;
    try (Model model = Model.newInstance("quarry-reference-gpt")) {
      model.setBlock(new ReferenceGpt(cfg));
      DefaultTrainingConfig config = new DefaultTrainingConfig(new SqlTokenLoss())
          .optInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT)
          .optOptimizer(Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed(learningRate))
              .optBeta1(0.9f)
              .optBeta2(0.98f)
              .optEpsilon(1e-9f)
              .build());
      try (Trainer trainer = model.newTrainer(config)) {
        Shape in = new Shape(b0, t0);
        trainer.initialize(in, in, in);
        long params = 0;
        for (var p : model.getBlock().getParameters()) {
          params += p.getValue().getArray().getShape().size();
        }
        float first = Float.NaN;
        float last = Float.NaN;
        long tokens = 0;
        long start = 0;
        for (int i = 0; i < warmup + steps; i++) {
          if (i == warmup) {
            start = System.nanoTime();
            tokens = 0;
          }
          List<int[]> qs = questionBatches.get(i % questionBatches.size());
          List<int[]> ss = sqlBatches.get(i % sqlBatches.size());
          for (int r = 0; r < qs.size(); r++) {
            tokens += qs.get(r).length + ss.get(r).length + 2;
          }
          boolean record = i == 0 || i == warmup + steps - 1;
          float loss;
          if (i == 0) {
            loss = step(trainer, cfg, qs, ss, record);
          } else {
            try (NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
              loss = step(trainer, cfg, qs, ss, record);
            }
          }
          if (i == 0) {
            first = loss;
          }
          if (i == warmup + steps - 1) {
            last = loss;
          }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new Result(params, steps, tokens, secs, first, last);
      }
    }
  }

  /** One DJL training step; returns the loss when {@code record}, else NaN (no extra host sync). */
  private static float step(Trainer trainer, ModelConfig cfg, List<int[]> qs, List<int[]> ss, boolean record) {
    NDManager m = trainer.getManager().newSubManager();
    Batch b = Batch.of(m, qs, ss, null, cfg.maxQuestion());
    try (ai.djl.training.dataset.Batch batch = new ai.djl.training.dataset.Batch(m,
        new NDList(b.tokens(), b.positions(), b.keyMask()), new NDList(b.labels()), qs.size(), null, null, 0, 0)) {
      SqlTokenLoss lossFn = (SqlTokenLoss) trainer.getLoss();
      lossFn.keepLast = record;
      EasyTrain.trainBatch(trainer, batch);
      trainer.step();
      float loss = record ? lossFn.last.getFloat() : Float.NaN;
      lossFn.last = null;
      return loss;
    }
  }

  /**
   * The scalar parameter count of the model for {@code cfg} (tied output: the projection to the vocabulary
   * reuses the token embedding).
   *
   * @param cfg model size with {@code vocabSize} set
   * @return {@code V·d + P·d + layers·(4d² + 4d + 2·d·ffn + ffn + d + 4d) + 2d}
   */
  public static long parameterCount(ModelConfig cfg) {
    long d = cfg.dModel();
    long f = cfg.ffn();
    long perLayer = 4 * d * d + 4 * d // Q, K, V and result projections with biases
        + d * f + f + f * d + d // FFN
        + 4 * d; // two LayerNorms
    return (long) cfg.vocabSize() * d + (long) cfg.positions() * d + cfg.layers() * perLayer + 2 * d;
  }

  /**
   * Mean cross-entropy over the label positions that are not {@code <pad>}: the SQL tokens and
   * {@code <eos>} (Quarry's training loss). Labels (B, S+1) int32; predictions (B, S+1, V) logits.
   */
  static final class SqlTokenLoss extends Loss {

    boolean keepLast;
    NDArray last;

    SqlTokenLoss() {
      super("SqlTokenLoss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      NDArray logits = predictions.singletonOrThrow();
      NDArray lab = labels.singletonOrThrow();
      long n = lab.getShape().size();
      NDArray logp = logits.reshape(n, logits.getShape().getLastDimension()).logSoftmax(1);
      NDArray flat = lab.reshape(n, 1).toType(DataType.INT64, false);
      NDArray picked = logp.gather(flat, 1).reshape(n);
      NDArray mask = flat.reshape(n).neq(Vocabulary.PAD).toType(DataType.FLOAT32, false);
      NDArray loss = picked.mul(mask).sum().neg().div(mask.sum());
      if (keepLast) {
        last = loss;
      }
      return loss;
    }
  }

  /**
   * The decoder-only transformer as a DJL block. Inputs: tokens, positions (B, T) int32 and keyMask
   * (B, T) float32 (1 = real token). Output: logits (B, T, V); in a training forward pass that also
   * receives the labels (B, S+1) — {@link EasyTrain#trainBatch} does — only for the last S+1 columns
   * (those the labels describe), which spares the vocabulary projection of the question columns as
   * Quarry's trainer does.
   */
  static final class ReferenceGpt extends AbstractBlock {

    private final ModelConfig cfg;
    private final TrainableWordEmbedding tokens;
    private final TrainableWordEmbedding positions;
    private final Dropout embeddingDropout;
    private final SequentialBlock layers;
    private final LayerNorm finalNorm;

    ReferenceGpt(ModelConfig cfg) {
      this.cfg = cfg;
      int d = cfg.dModel();
      float p = (float) cfg.dropout();
      tokens = addChildBlock("tokens", embedding(cfg.vocabSize(), d));
      positions = addChildBlock("positions", embedding(cfg.positions(), d));
      embeddingDropout = addChildBlock("embeddingDropout", Dropout.builder().optRate(p).build());
      layers = new SequentialBlock();
      for (int l = 0; l < cfg.layers(); l++) {
        layers.add(new DecoderLayer(cfg));
      }
      addChildBlock("layers", layers);
      finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(2).build());
    }

    private static TrainableWordEmbedding embedding(int n, int d) {
      List<String> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ids.add(Integer.toString(i));
      }
      return TrainableWordEmbedding.builder()
          .setVocabulary(new DefaultVocabulary(ids))
          .setEmbeddingSize(d)
          .optNumEmbeddings(n)
          .build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
        PairList<String, Object> params) {
      NDArray h = hidden(ps, inputs, training, params);
      return new NDList(logits(ps, h, training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList data, NDList labels, PairList<String, Object> params) {
      NDArray h = hidden(ps, data, true, params);
      long t = h.getShape().get(1);
      long tail = labels.head().getShape().get(1);
      return new NDList(logits(ps, h.get(new NDIndex(":, {}:, :", t - tail)), true));
    }

    private NDArray hidden(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
      NDArray tok = inputs.get(0);
      NDArray pos = inputs.get(1);
      NDArray keyMask = inputs.get(2);
      long b = tok.getShape().get(0);
      long t = tok.getShape().get(1);
      NDArray x = tokens.forward(ps, new NDList(tok), training, params).singletonOrThrow()
          .add(positions.forward(ps, new NDList(pos), training, params).singletonOrThrow());
      x = embeddingDropout.forward(ps, new NDList(x), training, params).singletonOrThrow();
      // (B, T, T): 1 where key j ≤ query i and key j is a real token.
      NDManager m = tok.getManager();
      NDArray idx = m.arange((int) t);
      NDArray causal = idx.reshape(1, 1, t).lte(idx.reshape(1, t, 1)).toType(DataType.FLOAT32, false);
      NDArray mask = causal.mul(keyMask.reshape(b, 1, t));
      NDList out = layers.forward(ps, new NDList(x, mask), training, params);
      return finalNorm.forward(ps, new NDList(out.get(0)), training, params).singletonOrThrow();
    }

    private NDArray logits(ParameterStore ps, NDArray h, boolean training) {
      Parameter e = tokens.getParameters().get("embedding");
      NDArray w = ps.getValue(e, h.getDevice(), training);
      return h.matMul(w.transpose());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {inputShapes[0].addAll(new Shape(cfg.vocabSize()))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
      Shape bt = inputShapes[0];
      Shape x = bt.addAll(new Shape(cfg.dModel()));
      Shape mask = new Shape(bt.get(0), bt.get(1), bt.get(1));
      tokens.initialize(manager, dataType, bt);
      positions.initialize(manager, dataType, bt);
      embeddingDropout.initialize(manager, dataType, x);
      layers.initialize(manager, dataType, x, mask);
      finalNorm.initialize(manager, dataType, x);
    }
  }

  /**
   * One pre-LayerNorm decoder layer. Inputs and outputs: hidden (B, T, d) and the attention mask
   * (B, T, T), passed through so that layers chain in a {@link SequentialBlock}.
   */
  static final class DecoderLayer extends AbstractBlock {

    private final LayerNorm attentionNorm;
    private final ScaledDotProductAttentionBlock attention;
    private final Dropout attentionDropout;
    private final LayerNorm ffnNorm;
    private final SequentialBlock ffn;

    DecoderLayer(ModelConfig cfg) {
      float p = (float) cfg.dropout();
      attentionNorm = addChildBlock("attentionNorm", LayerNorm.builder().axis(2).build());
      attention = addChildBlock("attention", ScaledDotProductAttentionBlock.builder()
          .setEmbeddingSize(cfg.dModel())
          .setHeadCount(cfg.heads())
          .optAttentionProbsDropoutProb(p)
          .build());
      attentionDropout = addChildBlock("attentionDropout", Dropout.builder().optRate(p).build());
      ffnNorm = addChildBlock("ffnNorm", LayerNorm.builder().axis(2).build());
      ffn = addChildBlock("ffn", new SequentialBlock()
          .add(Linear.builder().setUnits(cfg.ffn()).build())
          .add(Activation.geluBlock())
          .add(Linear.builder().setUnits(cfg.dModel()).build())
          .add(Dropout.builder().optRate(p).build()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
        PairList<String, Object> params) {
      NDArray x = inputs.get(0);
      NDArray mask = inputs.get(1);
      NDArray y = attentionNorm.forward(ps, new NDList(x), training, params).singletonOrThrow();
      NDArray a = attention.forward(ps, new NDList(y, mask), training, params).singletonOrThrow();
      x = x.add(attentionDropout.forward(ps, new NDList(a), training, params).singletonOrThrow());
      NDArray z = ffnNorm.forward(ps, new NDList(x), training, params).singletonOrThrow();
      x = x.add(ffn.forward(ps, new NDList(z), training, params).singletonOrThrow());
      return new NDList(x, mask);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
      Shape x = inputShapes[0];
      attentionNorm.initialize(manager, dataType, x);
      attention.initialize(manager, dataType, x, inputShapes[1]);
      attentionDropout.initialize(manager, dataType, x);
      ffnNorm.initialize(manager, dataType, x);
      ffn.initialize(manager, dataType, x);
    }
  }
}
