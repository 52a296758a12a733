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
 * creates (and stops) one thread per call, so a shared pool of daemon threads is used instead.
 */
final class SqlParsing {

  /** Parse time limit in milliseconds. */
  static final long PARSE_TIMEOUT_MS = 2_000;

  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "quarry-sql-parse");
    t.setDaemon(true);
    return t;
  });

  private SqlParsing() {}

  /** Parses all statements of {@code sql}; throws {@link JSQLParserException} on a syntax error or timeout. */
  static Statements parseStatements(String sql) throws JSQLParserException {
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
