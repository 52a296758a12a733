package dev.quarry.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
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
   * <p>The global norm costs one host synchronisation (the per-parameter sums of squares are added on the
   * engine and read once). The update itself is the engine's fused, in-place Adam kernel
   * ({@code NDArrayEx.adamUpdate}: one native call per parameter, which also zeroes its gradient); the
   * clipping factor is its {@code rescaleGrad}. That kernel computes {@code w -= lr' · m / (√v + ε')}; with
   * {@code lr' = lr·√(1-β2ᵗ)/(1-β1ᵗ)} and {@code ε' = ε·√(1-β2ᵗ)} this is exactly Algorithm 1's
   * {@code w -= lr · m̂ / (√v̂ + ε)}.
   *
   * @param model the model whose parameters hold gradients from a backward pass
   * @param lr learning rate of this step (&gt; 0)
   * @param clip maximum global L2 norm of the gradients; ≤ 0 disables clipping
   * @return the global gradient norm before clipping
   */
  public double step(TransformerModel model, double lr, double clip) {
    t++;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDList squares = new NDList(model.parameters().size());
      Map<String, NDArray> grads = new LinkedHashMap<>();
      for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
        NDArray g = e.getValue().getGradient();
        grads.put(e.getKey(), g);
        squares.add(g.square().sum());
      }
      double norm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
      float scale = clip > 0 && norm > clip ? (float) (clip / norm) : 1f;
      double c1 = 1 - Math.pow(B1, t);
      double sqrtC2 = Math.sqrt(1 - Math.pow(B2, t));
      float lrCorrected = (float) (lr * sqrtC2 / c1);
      float eps = (float) (EPS * sqrtC2);
      for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
        NDArray p = e.getValue();
        p.getNDArrayInternal().adamUpdate(
            new NDList(p, grads.get(e.getKey()), m.get(e.getKey()), v.get(e.getKey())), new NDList(p),
            (float) lr, lrCorrected, 0f, scale, -1f, B1, B2, eps, false, false);
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
