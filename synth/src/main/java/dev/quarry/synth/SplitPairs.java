package dev.quarry.synth;

import dev.quarry.core.dataset.DatasetLayout;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Assigns each pair to train, validation or test without leakage: the split is a pure function of the
 * seed and the pair's normalized SQL, so every rephrasing of one SQL lands in the same split whatever the
 * processing order or runner.
 *
 * <p>Rule: bucket = SHA-256(seed, normalized SQL) mod 10,000; bucket &lt; train‰·10 ⇒ train, then
 * validation, then test.
 */
public final class SplitPairs extends PTransform<PCollection<SynthPair>, PCollection<SynthPair>> {

  /** Split names in file order. */
  public static final String TRAIN = DatasetLayout.TRAIN;
  /** Validation split name. */
  public static final String VALIDATION = DatasetLayout.VALIDATION;
  /** Test split name. */
  public static final String TEST = DatasetLayout.TEST;

  private final long seed;
  private final double trainFraction;
  private final double validationFraction;

  /**
   * @param seed split seed
   * @param trainFraction share of SQL in train, in (0, 1)
   * @param validationFraction share in validation, in [0, 1 − train]; the rest is test
   * @throws IllegalArgumentException if the fractions are out of range
   */
  public SplitPairs(long seed, double trainFraction, double validationFraction) {
    if (trainFraction <= 0 || trainFraction >= 1 || validationFraction < 0
        || trainFraction + validationFraction > 1) {
      throw new IllegalArgumentException("Invalid split fractions: train=" + trainFraction
          + ", validation=" + validationFraction + " (need 0 < train < 1 and train + validation <= 1)");
    }
    this.seed = seed;
    this.trainFraction = trainFraction;
    this.validationFraction = validationFraction;
  }

  /** The split of a normalized SQL under these settings. */
  public static String splitOf(long seed, String normalizedSql, double trainFraction, double validationFraction) {
    long bucket = StableHash.bucketKey(Long.toString(seed), normalizedSql) % 10_000;
    if (bucket < Math.round(trainFraction * 10_000)) {
      return TRAIN;
    }
    if (bucket < Math.round((trainFraction + validationFraction) * 10_000)) {
      return VALIDATION;
    }
    return TEST;
  }

  @Override
  public PCollection<SynthPair> expand(PCollection<SynthPair> pairs) {
    long s = seed;
    double t = trainFraction;
    double v = validationFraction;
    return pairs.apply("AssignSplit", MapElements.into(TypeDescriptor.of(SynthPair.class))
        .via((SynthPair p) -> p.withSplit(splitOf(s, p.normalizedSql(), t, v))));
  }
}
