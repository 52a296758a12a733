package dev.quarry.synth.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A sampled query before realization: its SQL, literals and the question frames that can express it.
 *
 * @param family query family
 * @param templateId template id
 * @param sql the SQL
 * @param literals meaningful literals of the SQL
 * @param frames question frames; each call renders one question with random phrase choices
 */
record Draft(QueryFamily family, String templateId, String sql, List<LiteralPhrases> literals, List<Frame> frames) {

  /** A question frame. */
  @FunctionalInterface
  interface Frame {
    /** Renders one question; phrase choices come from {@code rng}. */
    String render(SplittableRandom rng);
  }
}
