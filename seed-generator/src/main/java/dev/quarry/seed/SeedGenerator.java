package dev.quarry.seed;

import dev.quarry.core.domain.Domain;
import java.util.Map;
import org.apache.beam.sdk.values.PBegin;

/**
 * Simulates a domain's data inside a Beam pipeline. Implementations are registered in
 * {@link SeedGenerators} under the id that domains name in {@code domain.json} {@code "generator"}.
 *
 * <p>Contract: the rows depend only on (domain, seed, scale), never on processing order or runner.
 */
public interface SeedGenerator {

  /** The id domains use to select this generator, e.g. {@code education}. */
  String id();

  /**
   * Adds the generating transforms to the pipeline.
   *
   * @param begin the pipeline's start
   * @param domain the domain to simulate; its {@code simulation} block holds the parameters
   * @param seed the random seed
   * @param scale size multiplier, at least 1
   * @return one entry per table of the domain, keyed by table name
   * @throws IllegalArgumentException if the domain's simulation parameters are invalid for this generator
   */
  Map<String, TableRows> expand(PBegin begin, Domain domain, long seed, int scale);
}
