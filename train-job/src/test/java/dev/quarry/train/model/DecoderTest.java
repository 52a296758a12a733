package dev.quarry.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.quarry.train.DjlEnvironment;
import dev.quarry.train.encoder.TokenFeatures;
import dev.quarry.train.text.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderTest {

  @Test
  void cachedGreedyEqualsRerunningThePrefixEveryStep(@TempDir Path tmp) {
    DjlEnvironment.configure(tmp);
    ModelConfig c = new ModelConfig(32, 2, 4, 64, 0.1, 8, 7, 30, 0);
    List<int[]> qs = List.of(new int[] {5, 6, 7, 8}, new int[] {9}, new int[] {10, 11});
    try (NDManager m = NDManager.newBaseManager();
        TransformerModel model = TransformerModel.create(c, m, 5)) {
      List<Decoder.Hypothesis> got = new Decoder(model).greedy(qs);
      for (int r = 0; r < qs.size(); r++) {
        assertThat(got.get(r).ids()).as("row " + r).containsExactly(slowGreedy(model, qs.get(r)));
      }
      List<Decoder.Hypothesis> beams = new Decoder(model).beam(qs.get(0), 3);
      assertThat(beams).hasSizeBetween(1, 3);
      assertThat(beams.get(0).logProb()).isGreaterThanOrEqualTo(beams.get(beams.size() - 1).logProb());
    }
  }

  @Test
  void questionFeaturesSitAtTheQuestionColumnsChangeTheOutputAndDecodeTheSameWithTheCache(@TempDir Path tmp) {
    DjlEnvironment.configure(tmp);
    ModelConfig c = new ModelConfig(32, 2, 4, 64, 0.1, 8, 7, 30, ModelConfig.PRETRAINED_FEATURES);
    List<int[]> qs = List.of(new int[] {5, 6, 7, 8}, new int[] {9});
    java.util.Random rnd = new java.util.Random(3);
    List<TokenFeatures> fs = new ArrayList<>();
    for (int[] q : qs) {
      float[][] rows = new float[q.length][ModelConfig.PRETRAINED_FEATURES];
      for (float[] r : rows) {
        for (int k = 0; k < r.length; k++) {
          r[k] = (float) rnd.nextGaussian();
        }
      }
      fs.add(TokenFeatures.of(rows, ModelConfig.PRETRAINED_FEATURES));
    }
    try (NDManager m = NDManager.newBaseManager();
        TransformerModel model = TransformerModel.create(c, m, 5);
        TransformerModel plain = TransformerModel.create(c.withQuestionFeatures(0), m, 5)) {
      Batch b = Batch.of(m, qs, fs, List.of(new int[] {12, 13}, new int[] {14}), null, c.maxQuestion());
      // row 1: question at column 3 (left padding to the longest question, 4), <sep> at 4: zeros; the SQL columns
      // after the prefix have no features (the array covers the prefix only)
      float[] f = b.features().toFloatArray();
      int t = b.prefix();
      assertThat(b.features().getShape().get(1)).isEqualTo(b.prefix()).isLessThan(b.tokens().getShape().get(1));
      int d = ModelConfig.PRETRAINED_FEATURES;
      assertThat(f[((1 * t) + 3) * d]).isEqualTo(fs.get(1).row(0)[0]);
      for (int col : new int[] {0, 1, 2, 4}) {
        assertThat(f[((1 * t) + col) * d]).as("column " + col).isZero();
      }
      float[] with = model.forward(b.tokens(), b.positions(), b.keyMask(), b.features(), false).toFloatArray();
      float[] without = model.forward(b.tokens(), b.positions(), b.keyMask(), null, false).toFloatArray();
      assertThat(with).isNotEqualTo(without);
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> plain.forward(b.tokens(), b.positions(), b.keyMask(), b.features(), false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without them");
      // the same initial parameters apart from feat_w: adding features to the config leaves the others unchanged
      assertThat(plain.parameters().get("tok_emb").toFloatArray())
          .containsExactly(model.parameters().get("tok_emb").toFloatArray());

      List<Decoder.Hypothesis> got = new Decoder(model).greedy(qs, fs);
      for (int r = 0; r < qs.size(); r++) {
        assertThat(got.get(r).ids()).as("row " + r).containsExactly(slowGreedy(model, qs.get(r), fs.get(r)));
      }
      assertThat(new Decoder(model).beam(qs.get(0), fs.get(0), 2, null)).hasSizeBetween(1, 2);
    }
  }

  private static int[] slowGreedy(TransformerModel model, int[] q) {
    return slowGreedy(model, q, null);
  }

  private static int[] slowGreedy(TransformerModel model, int[] q, TokenFeatures features) {
    List<Integer> out = new ArrayList<>();
    for (int step = 0; step < model.config().maxSql(); step++) {
      int[] gen = out.stream().mapToInt(Integer::intValue).toArray();
      try (NDManager s = model.manager().newSubManager()) {
        Batch b = Batch.of(s, List.of(q), features == null ? null : List.of(features), null, List.of(gen),
            model.config().maxQuestion());
        NDArray h = model.forward(b.tokens(), b.positions(), b.keyMask(), b.features(), false);
        float[] lp = model.logits(h.get(new NDIndex(":, -1, :"))).toFloatArray();
        int best = Vocabulary.EOS;
        for (int i = 0; i < lp.length; i++) {
          if (i != Vocabulary.PAD && lp[i] > lp[best]) {
            best = i;
          }
        }
        if (best == Vocabulary.EOS) {
          break;
        }
        out.add(best);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  static String show(int[] a) {
    return Arrays.toString(a);
  }
}
