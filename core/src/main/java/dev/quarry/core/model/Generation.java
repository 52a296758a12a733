package dev.quarry.core.model;

import java.util.List;

/**
 * The result of one {@link SqlGenerator#generate} call.
 *
 * @param candidates ranked candidates, best first (may be empty)
 * @param latencyMicros wall time of the generation in microseconds
 */
public record Generation(List<SqlCandidate> candidates, long latencyMicros) {

  /** Copies the list. */
  public Generation {
    candidates = List.copyOf(candidates);
  }

  /** The best candidate's SQL, or an empty string when there is none. */
  public String bestSql() {
    return candidates.isEmpty() ? "" : candidates.get(0).sql();
  }
}
