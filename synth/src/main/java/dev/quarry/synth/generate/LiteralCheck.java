package dev.quarry.synth.generate;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Checks that a question expresses every literal of a candidate: for each {@link LiteralPhrases}, at least one
 * of its phrases occurs in the question, case-insensitively and on word boundaries. A boundary is any
 * character other than a letter, digit or hyphen (so "EL" is not found in "non-EL" and "10" not in
 * "2010"); a '.' followed by a digit also continues a number ("3" is not found in "3.5").
 */
public final class LiteralCheck implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Whether every literal of {@code c} is expressed in {@code question}. */
  public boolean allExpressed(String question, Candidate c) {
    return allExpressed(question, c.literals());
  }

  /** Whether every literal is expressed in {@code question}. */
  public boolean allExpressed(String question, List<LiteralPhrases> literals) {
    String q = question.toLowerCase(Locale.ROOT);
    for (LiteralPhrases l : literals) {
      boolean found = false;
      for (String p : l.phrases()) {
        if (contains(q, p.toLowerCase(Locale.ROOT))) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code phrase} (lower case) occurs in {@code text} (lower case) on word boundaries. */
  static boolean contains(String text, String phrase) {
    if (phrase.isEmpty()) {
      return false;
    }
    int from = 0;
    while (true) {
      int i = text.indexOf(phrase, from);
      if (i < 0) {
        return false;
      }
      int end = i + phrase.length();
      boolean startOk = i == 0 || !wordChar(text.charAt(i - 1));
      boolean endOk = end == text.length()
          || (!wordChar(text.charAt(end))
              && !(text.charAt(end) == '.' && end + 1 < text.length() && Character.isDigit(text.charAt(end + 1))));
      if (startOk && endOk) {
        return true;
      }
      from = i + 1;
    }
  }

  private static boolean wordChar(char ch) {
    return Character.isLetterOrDigit(ch) || ch == '-';
  }
}
