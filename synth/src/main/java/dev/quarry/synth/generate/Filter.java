package dev.quarry.synth.generate;

import java.util.List;

/**
 * One WHERE condition with the ways to say it.
 *
 * @param column the SQL column it constrains (qualified in joins), used to order conditions canonically
 * @param order position of the column in its table, for canonical ordering
 * @param sql the predicate, e.g. {@code school_name = 'Lincoln Elementary'} or
 *     {@code incident_type IN ('Bullying', 'Harassment')}
 * @param literals the values and their phrases, in SQL order (one for equality, inequality and thresholds, two
 *     for a choice of two values and a range)
 * @param renderings ways to attach it to a noun phrase
 * @param value the compared value for equality conditions (String, Long or Boolean), null for every other kind
 *     (so row matching in {@link GenContext#matchingRows} ignores them)
 */
record Filter(String column, int order, String sql, List<LiteralPhrases> literals, List<Rendering> renderings,
    Object value) {

  Filter(String column, int order, String sql, LiteralPhrases literal, List<Rendering> renderings, Object value) {
    this(column, order, sql, List.of(literal), renderings, value);
  }

  /** The first literal: the only one of an equality, inequality or threshold. */
  LiteralPhrases literal() {
    return literals.get(0);
  }

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
