package dev.quarry.seed;

import java.util.SplittableRandom;

/**
 * Seeded random streams and the few distributions the generators draw from.
 *
 * <p>Every stream is derived from (seed, key) only, never from processing order, so that an entity's
 * values are the same on every run and runner. The distributions use {@link StrictMath} so that results
 * are bit-identical on every JVM.
 */
public final class Randoms {

  private Randoms() {}

  /**
   * Mixes a seed and a key into one well-spread 64-bit value (the SplitMix64 / MurmurHash3 finalizer
   * applied to {@code seed * golden-gamma + key}; constants from Steele, Lea and Flood, "Fast splittable
   * pseudorandom number generators", OOPSLA 2014).
   */
  public static long mix(long seed, long key) {
    long z = seed * 0x9E3779B97F4A7C15L + key;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Returns the random stream of entity {@code key} under {@code seed}. */
  public static SplittableRandom stream(long seed, long key) {
    return new SplittableRandom(mix(seed, key));
  }

  /** Returns true with probability {@code p} (clamped to [0, 1]). */
  public static boolean bernoulli(SplittableRandom rng, double p) {
    return rng.nextDouble() < p;
  }

  /** Returns a standard normal draw (Box–Muller on two uniforms). */
  public static double gaussian(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble(); // (0, 1]
    double u2 = rng.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  /**
   * Returns a Poisson draw with mean {@code lambda} (Knuth's multiplication method; meant for
   * {@code lambda} below ~30).
   *
   * @throws IllegalArgumentException if {@code lambda} is negative or not finite
   */
  public static int poisson(SplittableRandom rng, double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("Poisson mean must be finite and >= 0, was " + lambda);
    }
    double limit = StrictMath.exp(-lambda);
    int k = 0;
    double p = rng.nextDouble();
    while (p > limit) {
      k++;
      p *= rng.nextDouble();
    }
    return k;
  }

  /**
   * Returns an index drawn with probability proportional to {@code weights[i]}.
   *
   * @throws IllegalArgumentException if the weights are empty or do not sum to a positive number
   */
  public static int weighted(SplittableRandom rng, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("Weights must sum to a positive number");
    }
    double u = rng.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
