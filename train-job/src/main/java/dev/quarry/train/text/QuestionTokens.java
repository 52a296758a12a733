package dev.quarry.train.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level tokenizer for (anonymized) questions: placeholders such as {@code <school_1>} stay whole,
 * words are lower-cased except single capital letters (letter grades such as {@code A}), numbers and punctuation are separate tokens.
 */
public final class QuestionTokens {

  private static final Pattern TOKEN =
      Pattern.compile("<[a-z_]+_\\d+>|[0-9]+(?:\\.[0-9]+)?|[\\p{L}]+(?:'[\\p{L}]+)?|[^\\s\\p{L}0-9]");

  private QuestionTokens() {}

  /** Splits an anonymized question into tokens. */
  public static List<String> tokenize(String question) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(question);
    while (m.find()) {
      String t = m.group();
      out.add(t.startsWith("<") || t.matches("[A-Z]") ? t : t.toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
