package dev.quarry.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.quarry.train.encoder.TokenFeatures;
import dev.quarry.train.text.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy and beam-search decoding of SQL token ids from question token ids. No key/value cache: each step
 * re-runs the prefix (sequences are short). Scores are sums of token log-probabilities (including
 * {@code <eos>}).
 */
public final class Decoder {

  /**
   * A decoded sequence.
   *
   * @param ids SQL token ids without {@code <eos>}
   * @param logProb sum of log-probabilities
   */
  public record Hypothesis(int[] ids, double logProb) {}

  private final TransformerModel model;

  /** Decodes with {@code model}. */
  public Decoder(TransformerModel model) {
    this.model = model;
  }

  /**
   * Greedy decoding of a batch of questions with a key/value cache; one hypothesis per question.
   * Gives the same tokens as re-running the whole prefix each step.
   */
  public List<Hypothesis> greedy(List<int[]> questions) {
    return greedy(questions, null);
  }

  /**
   * Greedy decoding with pretrained question features (see {@link Batch#of(NDManager, List, List, List, List, int)}).
   *
   * @param features per question its token features, or null for a model without features
   */
  public List<Hypothesis> greedy(List<int[]> questions, List<TokenFeatures> features) {
    int b = questions.size();
    int max = model.config().maxSql();
    int[][] gen = new int[b][max + 1];
    double[] score = new double[b];
    boolean[] done = new boolean[b];
    int[] len = new int[b];
    int layers = model.config().layers();
    try (NDManager outer = model.manager().newSubManager()) {
      NDArray[][] cache = new NDArray[layers][];
      Batch prefix = Batch.of(outer, questions, features, null, null, model.config().maxQuestion());
      float[] keyMask = prefix.keyMask().toFloatArray();
      int t = prefix.prefix();
      float[][] logp;
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray h = model.prefill(prefix.tokens(), prefix.positions(), prefix.keyMask(), prefix.features(), cache);
        keep(cache, outer, null);
        logp = lastLogProbs(h.get(new NDIndex(":, " + (t - 1) + ", :")), b);
      }
      int[] next = new int[b];
      for (int step = 0; step <= max; step++) {
        boolean all = true;
        for (int r = 0; r < b; r++) {
          if (done[r]) {
            next[r] = Vocabulary.PAD;
            continue;
          }
          int best = argmax(logp[r], step == max);
          score[r] += logp[r][best];
          gen[r][step] = best;
          next[r] = best;
          if (best == Vocabulary.EOS) {
            done[r] = true;
          } else {
            len[r]++;
            all = false;
          }
        }
        if (all || step == max) {
          break;
        }
        int tt = t + step + 1;
        float[] km = new float[b * tt];
        int[] pos = new int[b];
        for (int r = 0; r < b; r++) {
          System.arraycopy(keyMask, r * t, km, r * tt, t);
          for (int i = t; i < tt; i++) {
            km[r * tt + i] = 1f;
          }
          pos[r] = Math.min(model.config().positions() - 1, model.config().maxQuestion() + step + 1);
        }
        try (NDScope scope = new NDScope(); NDManager m = outer.newSubManager()) {
          scope.suppressNotUsedWarning();
          NDArray[][] old = new NDArray[layers][];
          for (int l = 0; l < layers; l++) {
            old[l] = cache[l].clone();
          }
          NDArray h = model.extend(m.create(next, new Shape(b, 1)), m.create(pos, new Shape(b, 1)),
              m.create(km, new Shape(b, tt)), cache);
          keep(cache, outer, old);
          logp = lastLogProbs(h.get(new NDIndex(":, 0, :")), b);
        }
      }
    }
    List<Hypothesis> out = new ArrayList<>();
    for (int r = 0; r < b; r++) {
      out.add(new Hypothesis(Arrays.copyOf(gen[r], len[r]), score[r]));
    }
    return out;
  }

  private static void keep(NDArray[][] cache, NDManager outer, NDArray[][] old) {
    for (int l = 0; l < cache.length; l++) {
      for (int i = 0; i < 2; i++) {
        NDScope.unregister(cache[l][i]);
        cache[l][i].attach(outer);
        if (old != null && old[l][i] != cache[l][i]) {
          old[l][i].close();
        }
      }
    }
  }

  private float[][] lastLogProbs(NDArray last, int b) {
    NDArray lp = model.logits(last).logSoftmax(-1);
    int v = (int) lp.getShape().get(1);
    float[] flat = lp.toFloatArray();
    float[][] out = new float[b][v];
    for (int r = 0; r < b; r++) {
      System.arraycopy(flat, r * v, out[r], 0, v);
    }
    return out;
  }

  /**
   * Beam search for one question (Graves 2012 / Sutskever et al. 2014 style, without length penalty).
   *
   * @param width beam width (≥ 1)
   * @return finished hypotheses, best first (at most {@code width})
   */
  public List<Hypothesis> beam(int[] question, int width) {
    return beam(question, null, width, null);
  }

  /**
   * Beam search where each step keeps only tokens that {@code constraint} allows (constrained decoding): the
   * {@code width} best allowed tokens extend each hypothesis.
   *
   * @param features the question's token features, or null for a model without features
   * @param width beam width (≥ 1)
   * @param constraint admissible next tokens, or null for none
   * @return finished hypotheses, best first (at most {@code width})
   */
  public List<Hypothesis> beam(int[] question, TokenFeatures features, int width, SchemaConstraint constraint) {
    if (width < 1) {
      throw new IllegalArgumentException("--beam must be at least 1 (was " + width + ")");
    }
    int max = model.config().maxSql();
    List<Hypothesis> live = new ArrayList<>(List.of(new Hypothesis(new int[0], 0)));
    List<Hypothesis> finished = new ArrayList<>();
    for (int step = 0; step <= max && !live.isEmpty(); step++) {
      List<int[]> qs = new ArrayList<>();
      List<int[]> gs = new ArrayList<>();
      List<TokenFeatures> fs = features == null ? null : new ArrayList<>();
      for (Hypothesis h : live) {
        qs.add(question);
        gs.add(h.ids());
        if (fs != null) {
          fs.add(features);
        }
      }
      float[][] logp = lastLogProbs(qs, fs, gs);
      List<Hypothesis> next = new ArrayList<>();
      for (int r = 0; r < live.size(); r++) {
        Hypothesis h = live.get(r);
        Integer[] order = constraint == null ? topK(logp[r], width) : allowedTopK(logp[r], width, h.ids(), constraint);
        for (int id : order) {
          if (id == Vocabulary.PAD) {
            continue;
          }
          double s = h.logProb() + logp[r][id];
          if (id == Vocabulary.EOS || step == max) {
            finished.add(new Hypothesis(h.ids(), s));
          } else {
            int[] g = Arrays.copyOf(h.ids(), h.ids().length + 1);
            g[g.length - 1] = id;
            next.add(new Hypothesis(g, s));
          }
        }
      }
      next.sort(Comparator.comparingDouble(Hypothesis::logProb).reversed());
      live = next.subList(0, Math.min(width, next.size()));
      finished.sort(Comparator.comparingDouble(Hypothesis::logProb).reversed());
      if (finished.size() >= width && (live.isEmpty() || finished.get(width - 1).logProb() >= live.get(0).logProb())) {
        break;
      }
    }
    finished.sort(Comparator.comparingDouble(Hypothesis::logProb).reversed());
    return List.copyOf(finished.subList(0, Math.min(width, finished.size())));
  }

  private float[][] lastLogProbs(List<int[]> questions, List<TokenFeatures> features, List<int[]> generated) {
    try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      Batch batch = Batch.of(m, questions, features, null, generated, model.config().maxQuestion());
      long t = batch.tokens().getShape().get(1);
      NDArray h = model.forward(batch.tokens(), batch.positions(), batch.keyMask(), batch.features(), false);
      return lastLogProbs(h.get(new NDIndex(":, " + (t - 1) + ", :")), questions.size());
    }
  }

  private static int argmax(float[] x, boolean forceEos) {
    if (forceEos) {
      return Vocabulary.EOS;
    }
    int best = Vocabulary.EOS;
    for (int i = 0; i < x.length; i++) {
      if (i != Vocabulary.PAD && x[i] > x[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The {@code k} most probable tokens the constraint allows after {@code prefix} (fewer if fewer are allowed). */
  private static Integer[] allowedTopK(float[] x, int k, int[] prefix, SchemaConstraint constraint) {
    Integer[] idx = new Integer[x.length];
    for (int i = 0; i < x.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Float.compare(x[b], x[a]));
    List<Integer> out = new ArrayList<>(k);
    java.util.function.IntPredicate allowed = constraint.after(prefix);
    for (int i = 0; i < idx.length && out.size() < k; i++) {
      if (allowed.test(idx[i])) {
        out.add(idx[i]);
      }
    }
    return out.toArray(new Integer[0]);
  }

  private static Integer[] topK(float[] x, int k) {
    Integer[] idx = new Integer[x.length];
    for (int i = 0; i < x.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Float.compare(x[b], x[a]));
    return Arrays.copyOf(idx, Math.min(k + 1, idx.length));
  }

}
