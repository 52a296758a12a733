package dev.quarry.synth.generate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a {@link Draft}'s frames into distinct, tidy questions that express every literal.
 *
 * <p>Frames are tried round-robin from a random start, each with fresh phrase choices, for up to
 * {@code 8 × count} attempts. A question is kept if it is new after {@link #normalize(String)} and passes
 * {@link LiteralCheck}.
 */
public final class QuestionRealizer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LiteralCheck check = new LiteralCheck();

  /**
   * Realizes up to {@code count} distinct questions.
   *
   * @return 0..count questions, in the order found
   */
  List<String> realize(Draft d, SplittableRandom rng, int count) {
    Map<String, String> out = new LinkedHashMap<>();
    int n = d.frames().size();
    int start = rng.nextInt(n);
    for (int attempt = 0; attempt < 8 * count && out.size() < count; attempt++) {
      String q = tidy(d.frames().get((start + attempt) % n).render(rng));
      if (check.allExpressed(q, d.literals())) {
        out.putIfAbsent(normalize(q), q);
      }
    }
    return new ArrayList<>(out.values());
  }

  /** Collapses spaces, removes spaces before punctuation and capitalizes the first letter. */
  public static String tidy(String s) {
    String t = s.replaceAll("\\s+", " ").replaceAll(" ([?.,!])", "$1").trim();
    if (t.isEmpty()) {
      return t;
    }
    return Character.toUpperCase(t.charAt(0)) + t.substring(1);
  }

  /** Lower case, single spaces, no trailing punctuation: the key under which questions count as equal. */
  public static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[?.!]+$", "").replaceAll("\\s+", " ").trim();
  }
}
