package dev.quarry.synth;

import java.text.Normalizer;
import java.util.Locale;

/** Normalizes question text for deduplication: case, Unicode form, whitespace and final punctuation. */
public final class TextNormalizer {

  private TextNormalizer() {}

  /**
   * Lower-cases (ROOT locale), applies NFKC, collapses runs of whitespace to one space, trims, and strips
   * trailing {@code ?.!} characters: "How many kids?" and "how  many kids" normalize alike.
   */
  public static String question(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    s = s.replaceAll("\\s+", " ").trim();
    return s.replaceAll("[?.!\\s]+$", "");
  }
}
