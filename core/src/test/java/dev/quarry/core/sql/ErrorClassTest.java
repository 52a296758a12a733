package dev.quarry.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorClassTest {

  /** Runs {@code sql} on a scratch DuckDB with table t(a INTEGER, s VARCHAR) and returns its error message. */
  private static String duckDbError(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t AS SELECT 1 AS a, 'x' AS s");
      st.executeQuery(sql).close();
      throw new AssertionError("expected an error from " + sql);
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  @ParameterizedTest(name = "{0} ← {1}")
  @CsvSource(delimiter = '|', textBlock = """
      UNKNOWN_TABLE    | SELECT * FROM missing
      UNKNOWN_TABLE    | SELECT x.a FROM t
      UNKNOWN_COLUMN   | SELECT b FROM t
      UNKNOWN_COLUMN   | SELECT t.b FROM t
      UNKNOWN_FUNCTION | SELECT frobnicate(a) FROM t
      BINDER           | SELECT a, count(*) FROM t
      SYNTAX           | SELEC a FROM t
      RUNTIME          | SELECT CAST(s AS INTEGER) FROM t
      """)
  void classifiesRealDuckDbMessages(ErrorClass expected, String sql) throws SQLException {
    String message = duckDbError(sql);
    assertThat(ErrorClass.classify(message)).as(message).isEqualTo(expected);
  }
}
