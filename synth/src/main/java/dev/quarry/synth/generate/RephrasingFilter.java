package dev.quarry.synth.generate;

import java.io.Serializable;

/**
 * Decides whether a rephrasing of a synthesized question may join the dataset with the question's gold SQL.
 * Implementations open their resources lazily (they travel serialized inside DoFns) and release them in
 * {@link #close()}; one instance is used by one thread at a time.
 */
public interface RephrasingFilter extends Serializable, AutoCloseable {

  /**
   * Whether {@code rephrasing} still means {@code goldSql}.
   *
   * @param rephrasing a candidate rephrasing (any text)
   * @param goldSql the SQL the original question was generated from (executes on the seed data)
   * @return true to keep the rephrasing
   */
  boolean keeps(String rephrasing, String goldSql);

  /** Releases what the filter opened; the default does nothing. */
  @Override
  default void close() {}
}
