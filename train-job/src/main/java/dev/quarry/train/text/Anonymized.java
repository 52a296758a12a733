package dev.quarry.train.text;

import java.util.List;

/**
 * A question with its literals replaced by placeholders.
 *
 * @param text the anonymized question text
 * @param literals the literals found, in order of first appearance
 */
public record Anonymized(String text, List<QuestionLiteral> literals) {

  /** Copies the list. */
  public Anonymized {
    literals = List.copyOf(literals);
  }
}
