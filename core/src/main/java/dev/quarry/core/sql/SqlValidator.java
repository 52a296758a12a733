package dev.quarry.core.sql;

import dev.quarry.core.domain.Domain;
import java.io.Serializable;
import java.util.Objects;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;

/**
 * First gate for untrusted SQL: accepts only a single read-only SELECT over the tables and columns of
 * a domain.
 *
 * <p>Checks, in order: not blank ({@link RejectReason#EMPTY}), at most {@link #MAX_LENGTH} characters
 * ({@link RejectReason#TOO_LONG}); nesting depth and operator count within {@link SqlShape}'s limits,
 * measured without recursion ({@link RejectReason#TOO_COMPLEX}); exactly one statement when split by DuckDB's lexical rules
 * ({@link RejectReason#MULTIPLE_STATEMENTS}; this catches {@code SELECT 7 // 2; DROP TABLE t}, which
 * JSqlParser reads as one statement because it takes {@code //} for a comment); a statement starting
 * with a non-query keyword ({@link RejectReason#FORBIDDEN_STATEMENT}); JSqlParser's
 * {@code parseStatements} must parse it ({@link RejectReason#PARSE_ERROR}) into exactly one
 * statement which is a {@link Select} ({@link RejectReason#NOT_A_SELECT}); then tables, table
 * functions and columns are checked against the domain (see {@link SelectScanner}).
 *
 * <p>This gate alone is not a SQL firewall: {@link SqlSandbox} adds DuckDB's own parser as a second
 * gate and runs on a locked-down, read-only database. Thread-safe and {@link Serializable} (it holds
 * only the immutable domain).
 */
public final class SqlValidator implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Longest SQL text accepted, in characters. */
  public static final int MAX_LENGTH = 20_000;

  /** Statement keywords that never start a query. */
  private static final Set<String> FORBIDDEN_KEYWORDS = Set.of(
      "ATTACH", "DETACH", "COPY", "PRAGMA", "INSTALL", "LOAD", "FORCE", "EXPORT", "IMPORT", "SET", "RESET",
      "CALL", "EXECUTE", "PREPARE", "DEALLOCATE", "CREATE", "DROP", "ALTER", "INSERT", "UPDATE", "DELETE",
      "TRUNCATE", "MERGE", "UPSERT", "REPLACE", "GRANT", "REVOKE", "BEGIN", "START", "COMMIT", "ROLLBACK",
      "ABORT", "END", "CHECKPOINT", "VACUUM", "ANALYZE", "USE", "COMMENT", "UNPIVOT", "PIVOT", "SUMMARIZE",
      "DESCRIBE", "SHOW", "EXPLAIN", "UPDATE_EXTENSIONS", "SECRET");

  private final Domain domain;

  /** Creates a validator for the tables and columns of {@code domain}. */
  public SqlValidator(Domain domain) {
    this.domain = Objects.requireNonNull(domain);
  }

  /** The domain whose tables and columns are allowed. */
  public Domain domain() {
    return domain;
  }

  /**
   * Validates one SQL text.
   *
   * @param sql untrusted SQL, may be null
   * @return {@link Verdict#ok()} with whether the outermost query is ordered, or a refusal with reason
   *     and message; never throws for bad input
   */
  public Verdict validate(String sql) {
    try {
      return validateBounded(sql);
    } catch (StackOverflowError e) {
      return Verdict.reject(RejectReason.TOO_COMPLEX, "SQL is too deeply nested to check (stack exhausted)");
    }
  }

  private Verdict validateBounded(String sql) {
    if (sql == null || sql.isBlank()) {
      return Verdict.reject(RejectReason.EMPTY, "No SQL");
    }
    if (sql.length() > MAX_LENGTH) {
      return Verdict.reject(RejectReason.TOO_LONG, "SQL has " + sql.length() + " characters; at most " + MAX_LENGTH);
    }
    SqlShape shape = SqlShape.of(sql);
    if (!shape.withinLimits()) {
      return Verdict.reject(RejectReason.TOO_COMPLEX, shape.problem());
    }
    DuckDbLexer.Split split = DuckDbLexer.split(sql);
    if (split.statements().isEmpty()) {
      return Verdict.reject(RejectReason.EMPTY, "Only comments");
    }
    if (split.unterminated()) {
      return Verdict.reject(RejectReason.PARSE_ERROR, "Unterminated string, quoted identifier or comment");
    }
    if (split.statements().size() > 1) {
      return Verdict.reject(RejectReason.MULTIPLE_STATEMENTS,
          "Exactly one statement is allowed; DuckDB would see " + split.statements().size());
    }
    String keyword = DuckDbLexer.firstKeyword(split.statements().get(0));
    if (FORBIDDEN_KEYWORDS.contains(keyword)) {
      return Verdict.reject(RejectReason.FORBIDDEN_STATEMENT, keyword + " statements are not allowed");
    }
    Statements statements;
    try {
      statements = SqlParsing.parseStatements(sql);
    } catch (JSQLParserException | RuntimeException e) {
      return Verdict.reject(RejectReason.PARSE_ERROR, SqlParsing.firstLine(e.getMessage()));
    }
    if (statements == null || statements.isEmpty()) {
      return Verdict.reject(RejectReason.EMPTY, "No statement");
    }
    if (statements.size() > 1) {
      return Verdict.reject(RejectReason.MULTIPLE_STATEMENTS, "Exactly one statement is allowed; found " + statements.size());
    }
    Statement st = statements.get(0);
    if (!(st instanceof Select select) || st instanceof Values) {
      return Verdict.reject(RejectReason.NOT_A_SELECT, "Only SELECT is allowed; got " + st.getClass().getSimpleName());
    }
    try {
      new SelectScanner(domain).check(select);
    } catch (SelectScanner.Rejection r) {
      return Verdict.reject(r.reason, r.getMessage());
    }
    return Verdict.accept(hasOuterOrderBy(select));
  }

  /** True if the outermost query (looking through parentheses) has ORDER BY. */
  static boolean hasOuterOrderBy(Select select) {
    Select s = select;
    while (true) {
      if (s.getOrderByElements() != null && !s.getOrderByElements().isEmpty()) {
        return true;
      }
      if (s instanceof ParenthesedSelect ps && ps.getSelect() != null) {
        s = ps.getSelect();
      } else {
        return false;
      }
    }
  }
}
