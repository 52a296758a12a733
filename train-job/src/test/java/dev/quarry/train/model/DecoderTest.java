package dev.quarry.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.quarry.train.DjlEnvironment;
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

  private static int[] slowGreedy(TransformerModel model, int[] q) {
    List<Integer> out = new ArrayList<>();
    for (int step = 0; step < model.config().maxSql(); step++) {
      int[] gen = out.stream().mapToInt(Integer::intValue).toArray();
      try (NDManager s = model.manager().newSubManager()) {
        Batch b = Batch.of(s, List.of(q), null, List.of(gen), model.config().maxQuestion());
        NDArray h = model.forward(b.tokens(), b.positions(), b.keyMask(), false);
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
