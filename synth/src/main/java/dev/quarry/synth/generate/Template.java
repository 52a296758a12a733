package dev.quarry.synth.generate;

import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;

/** A query template: draws random, data-grounded queries of one shape from one table or joined pair. */
interface Template extends Serializable {

  /** Stable id, e.g. {@code filtered-count}. */
  String id();

  /** Family of every draft it draws. */
  QueryFamily family();

  /** The table lists it applies to: one name, or two (left, right) for join templates. */
  List<List<String>> targets(GenContext ctx);

  /** Relative share of samples (1.0 = {@link SynthConfig#samplesPerTemplate()}). */
  default double weight() {
    return 1.0;
  }

  /** Draws one draft, or returns null when this draw found no usable query (the caller draws again). */
  Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng);
}
