package dev.quarry.synth.generate;

import java.io.Serializable;
import java.util.List;

/**
 * One generated SQL query with its natural-language questions.
 *
 * @param id stable 16-hex-digit hash of {@code templateId} and {@code sql} (see {@link Seeds#hexId})
 * @param family the query family
 * @param templateId id of the template that produced it, e.g. {@code filtered-count}
 * @param sql one DuckDB SELECT over domain tables only; string literals single-quoted; no trailing semicolon
 * @param questions distinct questions, realized and rephrased, each expressing every literal
 * @param literals the meaningful literal values of {@code sql} with the phrases that may express them
 */
public record Candidate(
    String id, QueryFamily family, String templateId, String sql, List<String> questions, List<LiteralPhrases> literals)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the lists so that the record is immutable. */
  public Candidate {
    questions = List.copyOf(questions);
    literals = List.copyOf(literals);
  }
}
