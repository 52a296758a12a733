package dev.quarry.pipelines.ask;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the model's own tokens left in decoded SQL.
 *
 * <p>The embedded model writes typed placeholders such as {@code <year_1>} or {@code <vocabulary_2>} for
 * the question's literals, and {@code DjlSqlGenerator} restores them from the literals it found in the
 * question ({@code dev.quarry.train.text.LiteralAnonymizer#restore}). A placeholder the question did not
 * fill stays in the SQL as written, and so can a vocabulary token such as {@code <unk>}. Such SQL is not
 * complete: it cannot run, and it is not an answer to show. Text inside {@code '…'} literals and
 * {@code "…"} identifiers is not searched.
 */
public final class Placeholders {

  /** {@code <name>} or {@code <name_n>}: what {@code LiteralAnonymizer} and {@code Vocabulary} write. */
  private static final Pattern TOKEN = Pattern.compile("<[A-Za-z_]+(?:_\\d+)?>");

  private Placeholders() {}

  /**
   * The placeholders left in {@code sql}, outside quoted literals and identifiers.
   *
   * @param sql decoded SQL; null is treated as empty
   * @return the distinct placeholders in order of first appearance, e.g. {@code [<year_1>, <actions_1>]};
   *     empty when there is none
   */
  public static List<String> unresolved(String sql) {
    if (sql == null) {
      return List.of();
    }
    Matcher m = TOKEN.matcher(outsideQuotes(sql));
    Set<String> found = new LinkedHashSet<>();
    while (m.find()) {
      found.add(m.group());
    }
    return new ArrayList<>(found);
  }

  /**
   * True when {@code sql} is SQL that could be shown and run: not blank and without placeholders.
   *
   * @param sql decoded SQL; null counts as incomplete
   * @return whether the SQL is complete
   */
  public static boolean isComplete(String sql) {
    return sql != null && !sql.isBlank() && unresolved(sql).isEmpty();
  }

  /** {@code sql} with the contents of quoted literals and identifiers blanked out (same length). */
  private static String outsideQuotes(String sql) {
    StringBuilder b = new StringBuilder(sql);
    char quote = 0;
    for (int i = 0; i < b.length(); i++) {
      char c = b.charAt(i);
      if (quote == 0) {
        if (c == '\'' || c == '"') {
          quote = c;
        }
      } else if (c == quote) {
        quote = 0; // a doubled quote closes and reopens: its contents stay blanked either way
      } else {
        b.setCharAt(i, ' ');
      }
    }
    return b.toString();
  }
}
