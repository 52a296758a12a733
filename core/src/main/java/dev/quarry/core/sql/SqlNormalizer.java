package dev.quarry.core.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A canonical text of a SQL query, for deduplication and exact-set matching.
 *
 * <p>Steps: JSqlParser parses the query and deparses it (uniform spacing, commas, parentheses);
 * then, outside string literals, SQL keywords are upper-cased and every other word (identifiers,
 * function names) lower-cased; double-quoted identifiers that need no quoting lose their quotes;
 * whitespace runs become one space; trailing semicolons go. Text that JSqlParser cannot parse, or that
 * contains {@code //} (JSqlParser 5.4 reads it as the start of a comment, DuckDB as integer division), gets
 * only the lexical steps, so two different queries never collapse because of a misparse. So does text
 * longer than {@link SqlValidator#MAX_LENGTH} or outside {@link SqlShape}'s depth/operator limits (the
 * lexical steps are one linear pass, so a megabyte of SQL cannot exhaust the stack). The result
 * is for comparison, not necessarily for execution.
 */
public final class SqlNormalizer {

  /** Words upper-cased as keywords; everything else outside literals is lower-cased. */
  static final Set<String> KEYWORDS = Set.of(
      "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "LIMIT", "OFFSET", "FETCH",
      "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL", "ON", "USING", "AS", "AND", "OR",
      "NOT", "IN", "IS", "NULL", "LIKE", "ILIKE", "BETWEEN", "CASE", "WHEN", "THEN", "ELSE", "END", "DISTINCT",
      "UNION", "ALL", "INTERSECT", "EXCEPT", "WITH", "RECURSIVE", "EXISTS", "TRUE", "FALSE", "CAST", "OVER",
      "PARTITION", "NULLS", "FIRST", "LAST", "INTERVAL", "DATE", "TIMESTAMP", "FILTER", "WINDOW", "QUALIFY",
      "ROWS", "RANGE", "PRECEDING", "FOLLOWING", "UNBOUNDED", "CURRENT", "ROW", "EXTRACT", "ANY", "SOME",
      "INTEGER", "INT", "BIGINT", "SMALLINT", "DOUBLE", "FLOAT", "REAL", "DECIMAL", "NUMERIC", "VARCHAR", "TEXT",
      "BOOLEAN", "LATERAL", "VALUES", "SIMILAR", "ESCAPE", "TOP", "ONLY", "NEXT");

  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  private SqlNormalizer() {}

  /**
   * Normalizes one SQL text.
   *
   * @param sql any text; null is treated as empty
   * @return the canonical text (empty for blank input); never throws
   */
  public static String normalize(String sql) {
    if (sql == null || sql.isBlank()) {
      return "";
    }
    String text = sql;
    if (sql.length() <= SqlValidator.MAX_LENGTH && SqlShape.of(sql).withinLimits() && !sql.contains("//")
        && DuckDbLexer.split(sql).statements().size() == 1) {
      try {
        text = SqlParsing.parseSelect(sql).toString();
      } catch (IllegalArgumentException | StackOverflowError e) {
        text = sql;
      }
    }
    return lexical(text);
  }

  /** The lexical steps alone: case by word class, quotes, whitespace, trailing semicolons. */
  static String lexical(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int n = sql.length();
    int i = 0;
    boolean space = false;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
        i++;
        continue;
      }
      if (space && out.length() > 0) {
        out.append(' ');
      }
      space = false;
      if (c == '\'') {
        int j = endOfQuoted(sql, i, '\'');
        out.append(sql, i, j);
        i = j;
      } else if (c == '"') {
        int j = endOfQuoted(sql, i, '"');
        String inner = sql.substring(i + 1, Math.max(i + 1, j - 1));
        String lower = inner.toLowerCase(Locale.ROOT);
        if (PLAIN_IDENTIFIER.matcher(lower).matches() && !KEYWORDS.contains(inner.toUpperCase(Locale.ROOT))) {
          out.append(lower);
        } else {
          out.append(sql, i, j);
        }
        i = j;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
          j++;
        }
        String word = sql.substring(i, j);
        String upper = word.toUpperCase(Locale.ROOT);
        out.append(KEYWORDS.contains(upper) ? upper : word.toLowerCase(Locale.ROOT));
        i = j;
      } else {
        out.append(c);
        i++;
      }
    }
    String s = out.toString().strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }

  private static int endOfQuoted(String s, int start, char q) {
    int j = start + 1;
    while (j < s.length()) {
      if (s.charAt(j) == q) {
        if (j + 1 < s.length() && s.charAt(j + 1) == q) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return s.length();
  }
}
