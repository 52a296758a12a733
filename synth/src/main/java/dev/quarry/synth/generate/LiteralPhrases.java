package dev.quarry.synth.generate;

import java.io.Serializable;
import java.util.List;

/**
 * A literal value of a candidate's SQL and the phrases that may express it in a question.
 *
 * <p>Only values that carry meaning are literals (filter values, thresholds, LIMIT counts, dates);
 * structural constants such as the {@code 1.0} of a ratio or the {@code 100.0} of a percentage
 * are not.
 *
 * @param sql the value as written in the SQL, e.g. {@code 'Lincoln Elementary'}, {@code 9}, {@code TRUE}
 * @param phrases non-empty list of strings of which at least one must appear in every question
 *     (case-insensitive, on word boundaries; see {@link LiteralCheck})
 */
public record LiteralPhrases(String sql, List<String> phrases) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the phrase list; throws {@link IllegalArgumentException} if it is empty. */
  public LiteralPhrases {
    phrases = List.copyOf(phrases);
    if (phrases.isEmpty()) {
      throw new IllegalArgumentException("Literal " + sql + " needs at least one phrase");
    }
  }
}
