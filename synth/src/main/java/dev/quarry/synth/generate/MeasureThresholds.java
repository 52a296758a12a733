package dev.quarry.synth.generate;

import dev.quarry.core.domain.Domain;
import java.util.SplittableRandom;

/** Chooses "round" measure thresholds from the measure's deciles so that filters keep real rows. */
final class MeasureThresholds {
  private MeasureThresholds() {}

  /**
   * A threshold near the {@code decile}-th decile: integers for integer measures and for ranges wider
   * than 20, else one decimal.
   */
  static double value(ValueCatalog.MeasureStats s, int decile) {
    double v = s.decile(decile);
    if (s.integral()) {
      return Math.max(1, Math.round(v));
    }
    if (s.max() - s.min() > 20) {
      return Math.round(v);
    }
    return Math.round(v * 2) / 2.0;
  }

  /** A random {@code >} / {@code <} / {@code >=} filter on a measure that keeps rows. */
  static Filter draw(GenContext ctx, Domain.Table t, Domain.Column m, SplittableRandom rng, boolean qualified) {
    ValueCatalog.MeasureStats s = ctx.catalog.measure(t.name(), m.name()).orElseThrow();
    Filters.Op op = Filters.Op.values()[rng.nextInt(3)];
    int decile = switch (op) {
      case GT, GE -> 2 + rng.nextInt(6);
      case LT -> 3 + rng.nextInt(6);
    };
    double v = value(s, decile);
    if (op == Filters.Op.LT && v <= s.min()) {
      op = Filters.Op.GE;
    }
    if (op == Filters.Op.GT && v >= s.max()) {
      op = Filters.Op.GE;
    }
    return ctx.filters.threshold(t, m, op, v, qualified, s.integral());
  }
}
