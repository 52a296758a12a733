package dev.quarry.eval.generate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the SQL from a chat model's answer: the first fenced {@code ```sql} block, else the first fenced
 * block of any language, else the plain text from its first {@code SELECT} keyword or {@code WITH <name> AS (}. Trailing
 * semicolons and whitespace are removed. Answers with none of these give "".
 */
public final class SqlExtractor {

  private static final Pattern SQL_FENCE = Pattern.compile("```\\s*sql\\s*\\n(.*?)```", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern ANY_FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*?)```", Pattern.DOTALL);
  private static final Pattern START = Pattern.compile("\\bSELECT\\b|\\bWITH\\s+(RECURSIVE\\s+)?\\w+\\s+AS\\s*\\(", Pattern.CASE_INSENSITIVE);

  private SqlExtractor() {}

  /**
   * @param answer the model's message content (may be null)
   * @return the SQL, or "" if the answer holds none
   */
  public static String extract(String answer) {
    if (answer == null || answer.isBlank()) {
      return "";
    }
    Matcher m = SQL_FENCE.matcher(answer);
    String sql;
    if (m.find()) {
      sql = m.group(1);
    } else if ((m = ANY_FENCE.matcher(answer)).find()) {
      sql = m.group(1);
    } else {
      Matcher s = START.matcher(answer);
      if (!s.find()) {
        return "";
      }
      sql = answer.substring(s.start());
    }
    sql = sql.strip();
    while (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1).strip();
    }
    String head = sql.toUpperCase(Locale.ROOT);
    return head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("(") ? sql : "";
  }
}
