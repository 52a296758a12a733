package dev.quarry.train.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level SQL tokenizer: quoted strings, numbers, identifiers (with dots), placeholders such as
 * {@code <year_1>}, two-character operators and single punctuation characters are tokens; whitespace
 * separates but is not kept. {@link #join} puts single spaces between tokens: the text differs from the
 * input only in whitespace around punctuation, which does not change what the SQL means.
 */
public final class SqlTokens {

  private static final Pattern TOKEN = Pattern.compile(
      "'(?:[^']|'')*'|<[a-z_]+_\\d+>|\\d+(?:\\.\\d+)?|[A-Za-z_][A-Za-z_0-9.]*|<>|>=|<=|!=|\\|\\||\\S");

  private SqlTokens() {}

  /** Splits {@code sql} into tokens (never null; empty for blank input). */
  public static List<String> tokenize(String sql) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(sql);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** Joins tokens with single spaces. */
  public static String join(List<String> tokens) {
    return String.join(" ", tokens);
  }
}
