package dev.quarry.core.sql;

import java.util.Locale;
import java.util.Set;

/**
 * A cheap, non-recursive measure of how big and how deep a SQL text is, taken before anything walks the
 * text recursively (JSqlParser's recursive-descent parser, {@link SelectScanner}'s visitors,
 * {@link SqlNormalizer}'s deparser, {@link SpiderHardness}). Those walks use one or more stack frames per
 * nesting level and per binary operator ({@code 1+1+…+1} is a left-deep tree), so a prediction of a few
 * thousand operators ends in a {@link StackOverflowError}; this scan refuses such text in one linear pass.
 *
 * <p>The scan skips string literals, quoted identifiers and comments (DuckDB's lexical rules, like
 * {@link DuckDbLexer}). It counts the deepest nesting of {@code ( [ { } ] )} and the number of
 * <em>operators</em>: each run of operator characters ({@code + - * / % < > = ! | & ^ ~ :}) and each of the
 * words {@code AND OR NOT CASE WHEN IS IN LIKE ILIKE BETWEEN SELECT UNION INTERSECT EXCEPT JOIN} outside
 * literals. Limits are far above what hand-written or synthesized queries use (the committed bank's gold SQL
 * reaches depth 4 and 40 operators) and far below what overflows a 512 KiB thread stack.
 *
 * @param length characters of the text
 * @param maxDepth deepest bracket nesting
 * @param operators operator count as defined above
 */
public record SqlShape(int length, int maxDepth, int operators) {

  /** Deepest bracket nesting accepted. */
  public static final int MAX_DEPTH = 40;

  /** Most operators accepted. */
  public static final int MAX_OPERATORS = 600;

  private static final Set<String> OPERATOR_WORDS = Set.of("AND", "OR", "NOT", "CASE", "WHEN", "IS", "IN", "LIKE",
      "ILIKE", "BETWEEN", "SELECT", "UNION", "INTERSECT", "EXCEPT", "JOIN");

  /**
   * Measures {@code sql} in one pass; O(length), no recursion, never throws (null counts as empty).
   *
   * @param sql any text
   * @return its shape
   */
  public static SqlShape of(String sql) {
    if (sql == null) {
      return new SqlShape(0, 0, 0);
    }
    int n = sql.length();
    int depth = 0;
    int max = 0;
    int ops = 0;
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < n) {
          char d = sql.charAt(j);
          if (d == '\\' && c == '\'') {
            j += 2; // E'…' escapes; for plain strings this can only end a literal later, never earlier
            continue;
          }
          if (d == c) {
            if (j + 1 < n && sql.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        i = Math.min(n, j + 1);
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
        max = Math.max(max, depth);
        i++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
        i++;
      } else if ("+-*/%<>=!|&^~:".indexOf(c) >= 0) {
        ops++;
        while (i < n && "+-*/%<>=!|&^~:".indexOf(sql.charAt(i)) >= 0
            && !(sql.charAt(i) == '-' && i + 1 < n && sql.charAt(i + 1) == '-')
            && !(sql.charAt(i) == '/' && i + 1 < n && sql.charAt(i + 1) == '*')) {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
          j++;
        }
        if (j - i <= 9 && OPERATOR_WORDS.contains(sql.substring(i, j).toUpperCase(Locale.ROOT))) {
          ops++;
        }
        i = j;
      } else {
        i++;
      }
    }
    return new SqlShape(n, max, ops);
  }

  /** True when the text is within {@link #MAX_DEPTH} and {@link #MAX_OPERATORS}. */
  public boolean withinLimits() {
    return maxDepth <= MAX_DEPTH && operators <= MAX_OPERATORS;
  }

  /**
   * Why the text is over a limit, naming the limit and the measured value.
   *
   * @return a one-line message, or null when {@link #withinLimits()}
   */
  public String problem() {
    if (maxDepth > MAX_DEPTH) {
      return "SQL nests brackets " + maxDepth + " deep; at most " + MAX_DEPTH;
    }
    if (operators > MAX_OPERATORS) {
      return "SQL has " + operators + " operators; at most " + MAX_OPERATORS;
    }
    return null;
  }
}
