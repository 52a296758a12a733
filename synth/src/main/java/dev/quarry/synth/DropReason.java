package dev.quarry.synth;

import dev.quarry.core.sql.RejectReason;
import java.io.Serializable;
import java.util.Locale;

/**
 * Why synth dropped a candidate or pair: {@link Refused} when the shared SQL guard refused it (the guard's own
 * {@link RejectReason}), otherwise one of {@link Dropped}. {@link #id()} is the spelling in {@code rejects/}
 * and in the manifest's {@code dropped_by_reason}: the enum constant's name in lower case, e.g.
 * {@code unknown_column}, {@code empty_result}.
 */
public sealed interface DropReason extends Serializable permits DropReason.Refused, DropReason.Dropped {

  /** The spelling in the rejects file and the manifest. */
  String id();

  /**
   * The guard refused the SQL before it ran.
   *
   * @param reason the guard's reason
   */
  record Refused(RejectReason reason) implements DropReason {

    @Override
    public String id() {
      return reason.name().toLowerCase(Locale.ROOT);
    }
  }

  /** Dropped after the guard accepted the SQL. */
  enum Dropped implements DropReason {
    /** DuckDB raised an error while binding or running it. */
    RUNTIME_ERROR,
    /** Cancelled after the query timeout. */
    TIMEOUT,
    /** More rows than the row cap. */
    TOO_MANY_ROWS,
    /** The result has no rows (unless empty results are kept). */
    EMPTY_RESULT,
    /** The same question was asked of SQL with a different result. */
    AMBIGUOUS_QUESTION,
    /** The same normalized question as a kept pair. */
    DUPLICATE;

    @Override
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The reason spelled {@code id} (as {@link #id()} writes it).
   *
   * @throws IllegalArgumentException for an unknown spelling, naming it
   */
  static DropReason ofId(String id) {
    for (Dropped d : Dropped.values()) {
      if (d.id().equals(id)) {
        return d;
      }
    }
    for (RejectReason r : RejectReason.values()) {
      if (r.name().toLowerCase(Locale.ROOT).equals(id)) {
        return new Refused(r);
      }
    }
    throw new IllegalArgumentException("unknown drop reason '" + id + "'");
  }
}
