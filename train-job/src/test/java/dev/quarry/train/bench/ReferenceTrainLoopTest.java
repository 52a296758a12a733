package dev.quarry.train.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.quarry.train.DjlEnvironment;
import dev.quarry.train.model.ModelConfig;
import dev.quarry.train.model.TransformerModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferenceTrainLoopTest {

  private static final ModelConfig TINY = new ModelConfig(32, 1, 2, 64, 0.0, 12, 12, 50, 0);

  /** Synthetic copy task: sql = the question; ids 4..49 (0–3 are the special tokens). */
  private static List<List<int[]>> questions(int batches, int rows, long seed) {
    Random rnd = new Random(seed);
    List<List<int[]>> out = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      List<int[]> batch = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        int[] q = new int[4 + rnd.nextInt(7)];
        for (int i = 0; i < q.length; i++) {
          q[i] = 4 + rnd.nextInt(46);
        }
        batch.add(q);
      }
      out.add(batch);
    }
    return out;
  }

  @Test
  void learnsTheCopyTaskAndHasQuarrysParameterCount() {
    DjlEnvironment.configure(Path.of("target", "djl-test-workspace")); // native libraries extracted once, not per run
    List<List<int[]>> qs = questions(4, 16, 5);
    List<List<int[]>> ss = qs.stream().map(b -> b.stream().map(int[]::clone).toList()).toList();

    ReferenceTrainLoop.Result r = ReferenceTrainLoop.run(TINY, qs, ss, 2, 58, 7, 1e-2f);

    assertThat(r.steps()).isEqualTo(58);
    long tokens = 0;
    for (int i = 2; i < 60; i++) {
      for (int[] q : qs.get(i % 4)) {
        tokens += 2L * q.length + 2;
      }
    }
    assertThat(r.tokens()).isEqualTo(tokens);
    assertThat(r.seconds()).isPositive();
    assertThat(r.firstLoss()).isGreaterThan(3.0f); // ≈ ln 50 at initialisation
    assertThat(r.lastLoss()).isLessThan(r.firstLoss() * 0.5f);

    assertThat(r.parameters()).isEqualTo(ReferenceTrainLoop.parameterCount(TINY));
    try (NDManager m = NDManager.newBaseManager();
        TransformerModel quarry = TransformerModel.create(TINY, m, 1)) {
      assertThat(r.parameters()).isEqualTo(quarry.parameterCount());
    }
  }
}
