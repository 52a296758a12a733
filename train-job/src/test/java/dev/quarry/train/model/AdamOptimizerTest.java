package dev.quarry.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.quarry.train.DjlEnvironment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fused Adam step against Kingma &amp; Ba's Algorithm 1 with global-norm clipping, computed on the host. */
class AdamOptimizerTest {

  private static final double B1 = 0.9;
  private static final double B2 = 0.98;
  private static final double EPS = 1e-9;

  @Test
  void threeStepsMatchAlgorithmOneWithClipping(@TempDir Path tmp) {
    DjlEnvironment.configure(tmp);
    ModelConfig c = new ModelConfig(16, 1, 2, 32, 0.0, 6, 5, 20, 0);
    List<int[]> qs = List.of(new int[] {5, 6, 7}, new int[] {8, 9});
    List<int[]> ss = List.of(new int[] {10, 11, 12}, new int[] {13});
    try (NDManager root = NDManager.newBaseManager(); TransformerModel model = TransformerModel.create(c, root, 3)) {
      AdamOptimizer adam = new AdamOptimizer(model);
      Map<String, double[]> mm = new LinkedHashMap<>();
      Map<String, double[]> vv = new LinkedHashMap<>();
      model.parameters().forEach((k, p) -> {
        mm.put(k, new double[(int) p.size()]);
        vv.put(k, new double[(int) p.size()]);
      });
      double[] clips = {1e-3, 0, 1e-3}; // clipping active, off, active
      for (int t = 1; t <= 3; t++) {
        Map<String, float[]> before = new LinkedHashMap<>();
        Map<String, float[]> grads = new LinkedHashMap<>();
        try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
          scope.suppressNotUsedWarning();
          Batch b = Batch.of(m, qs, ss, null, c.maxQuestion());
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray h = model.forward(b.tokens(), b.positions(), b.keyMask(), false);
            gc.backward(model.logits(h).square().mean());
          }
          model.parameters().forEach((k, p) -> {
            before.put(k, p.toFloatArray());
            grads.put(k, p.getGradient().toFloatArray());
          });
        }
        double sq = 0;
        for (float[] g : grads.values()) {
          for (float x : g) {
            sq += (double) x * x;
          }
        }
        double norm = Math.sqrt(sq);
        double scale = clips[t - 1] > 0 && norm > clips[t - 1] ? clips[t - 1] / norm : 1;
        double lr = 0.01 * t;
        double got = adam.step(model, lr, clips[t - 1]);
        assertThat(got).isCloseTo(norm, within(norm * 1e-4));
        for (String k : model.parameters().keySet()) {
          float[] after = model.parameters().get(k).toFloatArray();
          float[] gradAfter = model.parameters().get(k).getGradient().toFloatArray();
          double[] m1 = mm.get(k);
          double[] v1 = vv.get(k);
          for (int i = 0; i < after.length; i++) {
            double g = grads.get(k)[i] * scale;
            m1[i] = B1 * m1[i] + (1 - B1) * g;
            v1[i] = B2 * v1[i] + (1 - B2) * g * g;
            double mHat = m1[i] / (1 - Math.pow(B1, t));
            double vHat = v1[i] / (1 - Math.pow(B2, t));
            double expected = before.get(k)[i] - lr * mHat / (Math.sqrt(vHat) + EPS);
            assertThat((double) after[i]).as("%s[%d] at step %d", k, i, t).isCloseTo(expected, within(2e-5 + 1e-4 * lr));
            assertThat(gradAfter[i]).as("gradient zeroed").isZero();
          }
        }
      }
      assertThat(adam.updates()).isEqualTo(3);
    }
  }
}
