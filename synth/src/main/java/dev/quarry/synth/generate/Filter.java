package dev.quarry.synth.generate;

import java.util.List;

/**
 * One WHERE condition with the ways to say it.
 *
 * @param column the SQL column it constrains (qualified in joins), used to order conditions canonically
 * @param order position of the column in its table, for canonical ordering
 * @param sql the predicate, e.g. {@code school_name = 'Lincoln Elementary'}
 * @param literal the value and its phrases
 * @param renderings ways to attach it to a noun phrase
 * @param value the compared value for equality conditions (String, Long or Boolean), null for thresholds
 */
record Filter(String column, int order, String sql, LiteralPhrases literal, List<Rendering> renderings, Object value) {

  /** Where a rendering goes relative to the head noun. */
  enum Kind {
    /** Before the noun: "female students". */
    PRE,
    /** After the noun: "students at Lincoln". */
    POST,
    /** Replaces the noun of the main entity: "ninth graders". */
    MEMBER
  }

  /**
   * One way to express a filter.
   *
   * @param fallback a generic, clumsier form ("flagged as …", "where the … is …") used less often
   */
  record Rendering(Kind kind, String text, boolean fallback) {
    Rendering(Kind kind, String text) {
      this(kind, text, false);
    }
  }

  boolean has(Kind k) {
    return renderings.stream().anyMatch(r -> r.kind() == k);
  }
}
