package dev.quarry.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1, β1 = 0.9,
 * β2 = 0.98, ε = 1e-9 as in Vaswani et al. 2017) with gradient clipping by global L2 norm (Pascanu et al.
 * 2013). Its moments are named NDArrays so that a checkpoint can save and restore them exactly.
 * Call {@link #step} outside a gradient collector; its temporaries are freed through an {@link NDScope}.
 */
public final class AdamOptimizer {

  private static final float B1 = 0.9f;
  private static final float B2 = 0.98f;
  private static final float EPS = 1e-9f;

  private final Map<String, NDArray> m = new LinkedHashMap<>();
  private final Map<String, NDArray> v = new LinkedHashMap<>();
  private final NDManager manager;
  private long t;

  /** Zero moments for every parameter of {@code model}. */
  public AdamOptimizer(TransformerModel model) {
    this.manager = model.manager();
    model.parameters().forEach((k, p) -> {
      m.put(k, manager.zeros(p.getShape()));
      v.put(k, manager.zeros(p.getShape()));
    });
  }

  /**
   * Applies one update with learning rate {@code lr}, clipping the gradients to global norm {@code clip}
   * (no clipping when ≤ 0), and zeroes the gradients.
   *
   * @return the global gradient norm before clipping
   */
  public double step(TransformerModel model, double lr, double clip) {
    t++;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      double sq = 0;
      for (NDArray p : model.parameters().values()) {
        sq += p.getGradient().square().sum().getFloat();
      }
      double norm = Math.sqrt(sq);
      float scale = clip > 0 && norm > clip ? (float) (clip / norm) : 1f;
      float c1 = (float) (1 - Math.pow(B1, t));
      float c2 = (float) (1 - Math.pow(B2, t));
      for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
        NDArray p = e.getValue();
        NDArray g = p.getGradient();
        NDArray gs = g.mul(scale);
        NDArray mm = m.get(e.getKey());
        NDArray vv = v.get(e.getKey());
        mm.muli(B1).addi(gs.mul(1 - B1));
        vv.muli(B2).addi(gs.square().mul(1 - B2));
        NDArray upd = mm.div(c1).div(vv.div(c2).sqrt().add(EPS)).mul((float) lr);
        p.subi(upd);
        g.subi(g);
      }
      return norm;
    }
  }

  /** Number of updates done. */
  public long updates() {
    return t;
  }

  /** The state as a named list (moments and the update count). */
  public NDList state() {
    NDList l = new NDList();
    m.forEach((k, a) -> { a.setName("m:" + k); l.add(a); });
    v.forEach((k, a) -> { a.setName("v:" + k); l.add(a); });
    NDArray tt = manager.create(new long[] {t});
    tt.setName("t");
    l.add(tt);
    return l;
  }

  /** Restores a state written by {@link #state}. */
  public void restore(NDList state) {
    for (NDArray a : state) {
      String n = a.getName();
      if (n.equals("t")) {
        t = a.toLongArray()[0];
      } else {
        Map<String, NDArray> target = n.startsWith("m:") ? m : v;
        NDArray cur = target.get(n.substring(2));
        if (cur == null) {
          throw new IllegalArgumentException("Optimizer state has unknown parameter " + n);
        }
        a.attach(manager);
        target.put(n.substring(2), a);
        cur.close();
      }
    }
  }
}
