package dev.quarry.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into statements the way DuckDB reads it, before JSqlParser sees it.
 *
 * <p>JSqlParser and DuckDB disagree on lexing (JSqlParser 5.4 treats {@code //} as a comment, DuckDB as
 * integer division, so {@code SELECT 7 // 2; DROP TABLE t} is one SELECT to JSqlParser and two statements to
 * DuckDB), so the statement count is taken from DuckDB's
 * rules: comments are {@code --…} to end of line and {@code /* … *}{@code /}; strings are
 * {@code '…'} with {@code ''} escapes, {@code E'…'} with backslash escapes, and {@code $tag$…$tag$};
 * quoted identifiers are {@code "…"} with {@code ""} escapes. Where in doubt the lexer errs towards
 * seeing more statements (refusing more), and DuckDB's own parser is asked afterwards anyway.
 */
final class DuckDbLexer {

  private DuckDbLexer() {}

  /** The result of splitting: statements without comments-only pieces, and whether a literal was left open. */
  record Split(List<String> statements, boolean unterminated) {}

  /**
   * Splits {@code sql} at top-level semicolons.
   *
   * @return the non-blank statements (comments removed, literals kept), and whether a string,
   *     quoted identifier or block comment was left unterminated
   */
  static Split split(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int n = sql.length();
    int i = 0;
    boolean open = false;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
        cur.append(' ');
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          open = true;
          i = n;
        } else {
          i = end + 2;
        }
        cur.append(' ');
      } else if (c == '\'' || c == '"') {
        boolean backslash = c == '\'' && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
            && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
        int j = i + 1;
        boolean closed = false;
        while (j < n) {
          char d = sql.charAt(j);
          if (backslash && d == '\\') {
            j += 2;
            continue;
          }
          if (d == c) {
            if (j + 1 < n && sql.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            closed = true;
            break;
          }
          j++;
        }
        if (!closed) {
          open = true;
          cur.append(sql, i, n);
          i = n;
        } else {
          cur.append(sql, i, j + 1);
          i = j + 1;
        }
      } else if (c == '$' && (i == 0 || !isIdentChar(sql.charAt(i - 1)))) {
        int tagEnd = i + 1;
        while (tagEnd < n && isIdentChar(sql.charAt(tagEnd)) && !Character.isDigit(sql.charAt(i + 1))) {
          tagEnd++;
        }
        if (tagEnd < n && sql.charAt(tagEnd) == '$') {
          String tag = sql.substring(i, tagEnd + 1);
          int end = sql.indexOf(tag, tagEnd + 1);
          if (end < 0) {
            open = true;
            cur.append(sql, i, n);
            i = n;
          } else {
            cur.append(sql, i, end + tag.length());
            i = end + tag.length();
          }
        } else {
          cur.append(c);
          i++;
        }
      } else if (c == ';') {
        addIfNotBlank(out, cur);
        cur.setLength(0);
        i++;
      } else {
        cur.append(c);
        i++;
      }
    }
    addIfNotBlank(out, cur);
    return new Split(out, open);
  }

  /** The first word of a statement (letters, digits, underscore), upper-case; empty if none. */
  static String firstKeyword(String statement) {
    int i = 0;
    int n = statement.length();
    while (i < n && (Character.isWhitespace(statement.charAt(i)) || statement.charAt(i) == '(')) {
      i++;
    }
    int start = i;
    while (i < n && isIdentChar(statement.charAt(i))) {
      i++;
    }
    return statement.substring(start, i).toUpperCase(Locale.ROOT);
  }

  private static boolean isIdentChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static void addIfNotBlank(List<String> out, StringBuilder cur) {
    String s = cur.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }
}
