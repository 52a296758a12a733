package dev.quarry.core.sql;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;

/**
 * JSqlParser entry point shared by the validator, normalizer and hardness classifier.
 *
 * <p>JSqlParser parses on an executor so that it can give up on pathological input; by default it
 * creates (and stops) one thread per call, so a shared pool of daemon threads is used instead. The hand-off
 * to that pool costs more than parsing an ordinary query (measured here: ~0.3 ms vs ~0.12 ms per query), so
 * short, shallow text ({@value #DIRECT_MAX_LENGTH} characters, nesting depth {@value #DIRECT_MAX_NESTING}) is
 * parsed on the calling thread first; anything else, and any text that fails there, goes through the
 * guarded pool path with its time limit, so failures and pathological input behave exactly as in
 * JSqlParser's own {@code parseStatements}.
 *
 * <p>The validator, normalizer and hardness classifier usually parse the same text one after the other;
 * the last result per thread is kept, so that costs one parse. Callers must not modify returned trees.
 */
final class SqlParsing {

  /** Parse time limit in milliseconds. */
  static final long PARSE_TIMEOUT_MS = 2_000;

  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "quarry-sql-parse");
    t.setDaemon(true);
    return t;
  });

  /** Longest text parsed on the calling thread. */
  static final int DIRECT_MAX_LENGTH = 4_000;

  /** Deepest parenthesis nesting parsed on the calling thread. */
  static final int DIRECT_MAX_NESTING = 8;

  private record Memo(String sql, Statements statements, JSQLParserException error) {}

  private static final ThreadLocal<Memo> LAST = new ThreadLocal<>();

  private SqlParsing() {}

  /**
   * Parses all statements of {@code sql}; throws {@link JSQLParserException} on a syntax error or timeout.
   * The returned tree may be shared with other callers on this thread: read it, do not modify it.
   */
  static Statements parseStatements(String sql) throws JSQLParserException {
    Memo m = LAST.get();
    if (m != null && m.sql().equals(sql)) {
      if (m.error() != null) {
        throw m.error();
      }
      return m.statements();
    }
    try {
      Statements s = parseUncached(sql);
      LAST.set(new Memo(sql, s, null));
      return s;
    } catch (JSQLParserException e) {
      LAST.set(new Memo(sql, null, e));
      throw e;
    }
  }

  private static Statements parseUncached(String sql) throws JSQLParserException {
    if (sql.length() <= DIRECT_MAX_LENGTH && CCJSqlParserUtil.getNestingDepth(sql) <= DIRECT_MAX_NESTING) {
      try {
        return CCJSqlParserUtil.newParser(sql).Statements();
      } catch (Exception | StackOverflowError e) {
        // fall through: the guarded path decides, with JSqlParser's retry rules and time limit
      }
    }
    return CCJSqlParserUtil.parseStatements(sql, POOL, p -> p.withTimeOut(PARSE_TIMEOUT_MS));
  }

  /**
   * Parses {@code sql} as exactly one SELECT.
   *
   * @throws IllegalArgumentException if it does not parse, has several statements or is not a SELECT
   */
  static Select parseSelect(String sql) {
    Statements statements;
    try {
      statements = parseStatements(sql);
    } catch (JSQLParserException e) {
      throw new IllegalArgumentException("Cannot parse SQL: " + firstLine(e.getMessage()), e);
    }
    if (statements.size() != 1) {
      throw new IllegalArgumentException("Expected one statement, found " + statements.size());
    }
    Statement st = statements.get(0);
    if (!(st instanceof Select select)) {
      throw new IllegalArgumentException("Not a SELECT: " + st.getClass().getSimpleName());
    }
    return select;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
