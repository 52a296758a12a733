package dev.quarry.synth.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The noise people type into a question box, applied to a synthesized question so that the model also learns
 * from imperfect input: one spelling slip in a longer word (two adjacent letters swapped, one letter dropped or
 * doubled: "attendance" → "attendnace", "attendace", "attendancee"), function words left out ("how many
 * students at Lincoln" for "how many students were there at Lincoln": articles and the auxiliaries is, are,
 * was, were, do, does, did), and casual lower case without the final punctuation. The slip kinds are the
 * single-edit classes of Damerau 1964 ("A technique for computer detection and correction of spelling errors",
 * CACM 7(3)), which cover most real misspellings; words that start with a capital letter (names, acronyms) and
 * words under five letters are never misspelled, and negation ("not", "no", "non-") is never dropped. Every
 * choice comes from the given random generator. Thread-safe (stateless).
 */
public final class TypingNoise {

  private static final Pattern WORD = Pattern.compile("\\p{L}+");
  private static final Pattern FUNCTION_WORD =
      Pattern.compile("\\b(?:the|a|an|is|are|was|were|do|does|did)\\s+", Pattern.CASE_INSENSITIVE);
  private static final Set<String> NEVER_MISSPELLED = Set.of("without", "except", "between", "through");
  private static final int MIN_MISSPELLED_LENGTH = 5;

  private TypingNoise() {}

  /**
   * A noisy version of {@code question}: one, two or all three kinds of noise, chosen by {@code rng}.
   *
   * @return the noisy question; equal to {@code question} when no noise applies (a short question of names)
   */
  public static String apply(String question, SplittableRandom rng) {
    // A non-empty subset of the three kinds, applied in a fixed order (a slip before lower case, so names,
    // which keep their capital until then, are never misspelled).
    int kinds = 1 + rng.nextInt(7);
    String out = question;
    if ((kinds & 1) != 0) {
      out = misspellOneWord(out, rng);
    }
    if ((kinds & 2) != 0) {
      out = dropFunctionWords(out);
    }
    if ((kinds & 4) != 0) {
      out = out.toLowerCase(Locale.ROOT).replaceAll("[?.!]+$", "");
    }
    return out;
  }

  /** {@code q} with one slip in one eligible word (lower-case start, at least five letters), if it has one. */
  static String misspellOneWord(String q, SplittableRandom rng) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = WORD.matcher(q);
    while (m.find()) {
      String w = m.group();
      boolean joined = m.start() > 0 && q.charAt(m.start() - 1) == '-' || m.end() < q.length() && q.charAt(m.end()) == '-';
      if (w.length() >= MIN_MISSPELLED_LENGTH && Character.isLowerCase(w.charAt(0)) && !joined
          && !NEVER_MISSPELLED.contains(w)) {
        spans.add(new int[] {m.start(), m.end()});
      }
    }
    if (spans.isEmpty()) {
      return q;
    }
    int[] s = spans.get(rng.nextInt(spans.size()));
    String w = q.substring(s[0], s[1]);
    int i = 1 + rng.nextInt(w.length() - 2); // never the first letter, never past the last
    String slip = switch (rng.nextInt(3)) {
      case 0 -> w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2);
      case 1 -> w.substring(0, i) + w.substring(i + 1);
      default -> w.substring(0, i + 1) + w.charAt(i) + w.substring(i + 1);
    };
    if (slip.equals(w)) {
      slip = w.substring(0, i) + w.substring(i + 1);
    }
    return q.substring(0, s[0]) + slip + q.substring(s[1]);
  }

  /** {@code q} without articles and auxiliaries; the first letter keeps its case. */
  static String dropFunctionWords(String q) {
    String out = FUNCTION_WORD.matcher(q).replaceAll("");
    if (out.isBlank()) {
      return q;
    }
    if (!q.isEmpty() && Character.isUpperCase(q.charAt(0)) && Character.isLowerCase(out.charAt(0))) {
      out = Character.toUpperCase(out.charAt(0)) + out.substring(1);
    }
    return out;
  }
}
