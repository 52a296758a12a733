package dev.quarry.pipelines.ask;

import com.github.vertical_blank.sqlformatter.SqlFormatter;
import com.github.vertical_blank.sqlformatter.languages.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lays SQL out for a person to read without changing what it means.
 *
 * <p>The model writes SQL spaced like its tokens ({@code SELECT COUNT ( * ) FROM t}). {@link #oneLine}
 * closes the spaces inside brackets, before commas and between a function name and its bracket
 * ({@code SELECT COUNT(*) FROM t}); {@link #format} then pretty-prints with the vertical-blank
 * sql-formatter (PostgreSQL dialect, which DuckDB's grammar follows, plus DuckDB's {@code ||}, {@code //},
 * {@code **} and JSON arrow operators).
 *
 * <p>The formatter is not trusted blindly: it splits some operators it does not know ({@code E'…'} strings,
 * list literals), which would change the SQL. Both layouts are therefore checked against the original with
 * a small DuckDB-style lexer: the same tokens in the same order, and no whitespace added or removed where
 * whitespace matters (between two operator runs, between two words, numbers or literals, around a dot). A
 * layout that fails the check is not used: {@link #format} falls back to the one-line form, and the
 * one-line form to the SQL as given. SQL with comments, dollar quotes, prefixed strings ({@code E'…'}) or an
 * unterminated literal is returned as given (stripped of surrounding whitespace).
 */
public final class SqlLayout {

  private static final SqlFormatter.Formatter FORMATTER = SqlFormatter.of(Dialect.PostgreSql)
      .extend(c -> c.plusOperators("||", "//", "**", "->>", "->", "^@"));

  /** Words after which an opening bracket keeps its space: clauses and operators, not function names. */
  private static final Set<String> KEYWORDS = Set.of(
      "ALL", "AND", "ANY", "AS", "BETWEEN", "BY", "CASE", "DISTINCT", "ELSE", "END", "ESCAPE", "EXCEPT",
      "EXISTS", "FILTER", "FROM", "HAVING", "ILIKE", "IN", "INTERSECT", "INTO", "IS", "JOIN", "LATERAL", "LIKE",
      "LIMIT", "MATERIALIZED", "NOT", "OFFSET", "ON", "OR", "OVER", "PARTITION", "QUALIFY", "RECURSIVE",
      "RETURNING", "SELECT", "SIMILAR", "SOME", "TABLE", "THEN", "UNION", "USING", "VALUES", "WHEN", "WHERE",
      "WINDOW", "WITH", "WITHIN");

  private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|?:";

  private SqlLayout() {}

  /** What a lexed token is; decides where whitespace matters. */
  enum Kind {
    /** Identifier or keyword. */
    WORD,
    /** Numeric literal, exponent included. */
    NUMBER,
    /** {@code '…'} literal. */
    STRING,
    /** {@code "…"} identifier. */
    QUOTED_ID,
    /** Run of operator characters written without whitespace, e.g. {@code >=} or {@code ::}. */
    OPERATOR,
    /** {@code .} */
    DOT,
    /** Brackets, comma, semicolon: whitespace next to them never matters. */
    NEUTRAL
  }

  /**
   * One token with the whitespace before it.
   *
   * @param kind what it is
   * @param text its exact text
   * @param spaceBefore whether any whitespace precedes it
   * @param newlineBefore whether that whitespace holds a line break
   */
  record Token(Kind kind, String text, boolean spaceBefore, boolean newlineBefore) {}

  /**
   * Pretty-prints {@code sql} on several lines (clauses on their own lines, indented sub-queries).
   *
   * @param sql SQL text, possibly spaced like tokens; null is treated as empty
   * @return the formatted SQL with the same tokens and meaning, or the one-line form when the formatter
   *     would change a token, or the stripped input when it cannot be lexed safely; never null
   */
  public static String format(String sql) {
    String given = sql == null ? "" : sql.strip();
    List<Token> original = lex(given);
    if (original == null || original.isEmpty()) {
      return given;
    }
    String flat = join(original);
    String pretty;
    try {
      pretty = stripLineEnds(FORMATTER.format(flat));
    } catch (RuntimeException e) {
      pretty = null;
    }
    if (pretty != null && sameMeaning(original, lex(pretty))) {
      return pretty;
    }
    return sameMeaning(original, lex(flat)) ? flat : given;
  }

  /**
   * The SQL on one line with conventional spacing: {@code COUNT ( * )} becomes {@code COUNT(*)},
   * {@code a , b} becomes {@code a, b}; line breaks become single spaces.
   *
   * @param sql SQL text; null is treated as empty
   * @return the one-line SQL, or the stripped input when it cannot be lexed safely; never null
   */
  public static String oneLine(String sql) {
    String given = sql == null ? "" : sql.strip();
    List<Token> original = lex(given);
    if (original == null || original.isEmpty()) {
      return given;
    }
    String flat = join(original);
    return sameMeaning(original, lex(flat)) ? flat : given;
  }

  /** Joins tokens with single spaces except where conventional SQL has none; keeps every glued pair glued. */
  static String join(List<Token> tokens) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (i > 0 && t.spaceBefore() && wantsSpace(tokens.get(i - 1), t)) {
        b.append(' ');
      }
      b.append(t.text());
    }
    return b.toString();
  }

  private static boolean wantsSpace(Token a, Token b) {
    if (b.kind() == Kind.NEUTRAL && (b.text().equals(")") || b.text().equals(",") || b.text().equals(";")
        || b.text().equals("]"))) {
      return false;
    }
    if (a.kind() == Kind.NEUTRAL && (a.text().equals("(") || a.text().equals("["))) {
      return false;
    }
    if (b.text().equals("(") && (a.kind() == Kind.QUOTED_ID
        || a.kind() == Kind.WORD && !KEYWORDS.contains(a.text().toUpperCase(Locale.ROOT)))) {
      return false;
    }
    return true;
  }

  /**
   * True when {@code b} reads as the same SQL as {@code a}: the same tokens, and the same whitespace-or-not
   * wherever whitespace matters (for two adjacent string literals: the same line break or not, since a
   * line break joins them into one literal).
   */
  static boolean sameMeaning(List<Token> a, List<Token> b) {
    if (a == null || b == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Token x = a.get(i);
      Token y = b.get(i);
      if (x.kind() != y.kind() || !x.text().equals(y.text())) {
        return false;
      }
      if (i > 0 && spacingMatters(a.get(i - 1), x)) {
        if (x.spaceBefore() != y.spaceBefore()) {
          return false;
        }
        if (x.kind() == Kind.STRING && a.get(i - 1).kind() == Kind.STRING && x.newlineBefore() != y.newlineBefore()) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean spacingMatters(Token a, Token b) {
    if (a.kind() == Kind.NEUTRAL || b.kind() == Kind.NEUTRAL) {
      return false;
    }
    // Exactly one operator: "a=b" and "a = b", "-1" and "- 1" are the same.
    return (a.kind() == Kind.OPERATOR) == (b.kind() == Kind.OPERATOR);
  }

  /**
   * Splits SQL into tokens the way DuckDB does for the constructs the model writes.
   *
   * @return the tokens, or null when the text holds something this lexer does not handle (comments, dollar
   *     quotes, prefixed strings such as {@code E'…'}, unterminated literals, other characters)
   */
  static List<Token> lex(String sql) {
    if (sql == null) {
      return null;
    }
    List<Token> out = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    boolean space = false;
    boolean newline = false;
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      Kind kind;
      if (Character.isWhitespace(c)) {
        space = true;
        newline |= c == '\n' || c == '\r';
        i++;
        continue;
      } else if (c == '\'' || c == '"') {
        Token last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (!space && last != null && (last.kind() == Kind.WORD || last.text().endsWith("&"))) {
          return null; // E'…', X'…', U&'…', U&"…": prefixed literals with other escape rules
        }
        i = endOfQuoted(sql, i, c);
        if (i < 0) {
          return null;
        }
        kind = c == '\'' ? Kind.STRING : Kind.QUOTED_ID;
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        i = endOfNumber(sql, i);
        kind = Kind.NUMBER;
      } else if (Character.isLetter(c) || c == '_') {
        i++;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        kind = Kind.WORD;
      } else if (c == '.') {
        i++;
        kind = Kind.DOT;
      } else if ("(),;[]{}".indexOf(c) >= 0) {
        i++;
        kind = Kind.NEUTRAL;
      } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
        while (i < n && OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0) {
          char d = sql.charAt(i);
          if (i + 1 < n && (d == '-' && sql.charAt(i + 1) == '-' || d == '/' && sql.charAt(i + 1) == '*')) {
            return null; // a comment
          }
          i++;
        }
        kind = Kind.OPERATOR;
      } else {
        return null; // $1, $tag$…$tag$, backslashes, control characters
      }
      out.add(new Token(kind, sql.substring(start, i), space, newline));
      space = false;
      newline = false;
    }
    return out;
  }

  /** Index after the closing quote of the literal opening at {@code i}, or -1 when it is not closed. */
  private static int endOfQuoted(String sql, int i, char quote) {
    int j = i + 1;
    while (j < sql.length()) {
      if (sql.charAt(j) == quote) {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return -1;
  }

  private static int endOfNumber(String sql, int i) {
    int n = sql.length();
    int j = i;
    while (j < n && Character.isDigit(sql.charAt(j))) {
      j++;
    }
    if (j < n && sql.charAt(j) == '.') {
      j++;
      while (j < n && Character.isDigit(sql.charAt(j))) {
        j++;
      }
    }
    if (j < n && (sql.charAt(j) == 'e' || sql.charAt(j) == 'E')) {
      int k = j + 1;
      if (k < n && (sql.charAt(k) == '+' || sql.charAt(k) == '-')) {
        k++;
      }
      if (k < n && Character.isDigit(sql.charAt(k))) {
        while (k < n && Character.isDigit(sql.charAt(k))) {
          k++;
        }
        j = k;
      }
    }
    return j;
  }

  private static String stripLineEnds(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.strip().split("\n", -1)) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(line.stripTrailing());
    }
    return b.toString();
  }
}
