package dev.quarry.pipelines.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.core.duckdb.LocalDuckDb;
import dev.quarry.train.text.SqlTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLayoutTest {

  /** The way DjlSqlGenerator writes SQL: tokens joined by single spaces. */
  private static String asModel(String sql) {
    return SqlTokens.join(SqlTokens.tokenize(sql));
  }

  @Test
  void modelSpacingBecomesConventionalSql() {
    String model = "SELECT COUNT ( * ) FROM attendance a JOIN students s ON a.student_id = s.student_id"
        + " WHERE s.grade_level = 9 AND a.school_year = '2024-2025' AND a.is_chronically_absent";
    assertThat(SqlLayout.oneLine(model)).isEqualTo("SELECT COUNT(*) FROM attendance a JOIN students s ON"
        + " a.student_id = s.student_id WHERE s.grade_level = 9 AND a.school_year = '2024-2025' AND"
        + " a.is_chronically_absent");
    assertThat(SqlLayout.format(model)).isEqualTo("""
        SELECT
          COUNT(*)
        FROM
          attendance a
          JOIN students s ON a.student_id = s.student_id
        WHERE
          s.grade_level = 9
          AND a.school_year = '2024-2025'
          AND a.is_chronically_absent""");
  }

  @Test
  void subqueriesCaseAndInListsAreIndentedWithoutSpacesInsideBrackets() {
    String model = asModel("SELECT school_name, 100.0 * AVG(CASE WHEN is_chronically_absent THEN 1 ELSE 0 END)"
        + " AS pct FROM attendance WHERE school_year IN ('2022-2023', '2023-2024') AND school_name IN"
        + " (SELECT school_name FROM enrollment) GROUP BY school_name ORDER BY pct DESC LIMIT 5");
    String pretty = SqlLayout.format(model);
    assertThat(pretty).contains("AVG(", "IN ('2022-2023', '2023-2024')", "AND school_name IN (\n    SELECT",
        "ORDER BY\n  pct DESC").doesNotContain("( ", " ,", "AVG (", "' )");
    assertThat(pretty.lines()).allMatch(l -> l.equals(l.stripTrailing()));
  }

  @Test
  void keywordsKeepTheirSpaceBeforeABracketAndFunctionsLoseIt() {
    assertThat(SqlLayout.oneLine("SELECT x FROM t WHERE EXISTS ( SELECT 1 ) AND y IN ( 1 , 2 ) AND z = SUM ( w )"))
        .isEqualTo("SELECT x FROM t WHERE EXISTS (SELECT 1) AND y IN (1, 2) AND z = SUM(w)");
    assertThat(SqlLayout.oneLine("SELECT LEFT ( name , 3 ) , CAST ( x AS DECIMAL ( 10 , 2 ) ) FROM t"))
        .isEqualTo("SELECT LEFT(name, 3), CAST(x AS DECIMAL(10, 2)) FROM t");
  }

  @Test
  void operatorsTheFormatterDoesNotKnowAreNeverSplit() throws Exception {
    String sql = "SELECT a || 'x', 7 // 2, 2 ** 3, j ->> 'k', c::INT FROM t WHERE y != 2 AND z <> 3 AND w >= 1"
        + " AND 1 - -1 = 2";
    String pretty = SqlLayout.format(sql);
    assertThat(pretty).contains("a || 'x'", "7 // 2", "2 ** 3", "y != 2", "z <> 3", "w >= 1", "1 - -1 = 2");
    assertThat(SqlLayout.sameMeaning(SqlLayout.lex(sql), SqlLayout.lex(pretty))).isTrue();
    try (Connection db = LocalDuckDb.open()) {
      assertThat(parseTree(db, pretty)).isEqualTo(parseTree(db, sql)).doesNotContain("\"error\":true");
    }
  }

  @Test
  void stringLiteralsAreLeftExactlyAsWritten() {
    String sql = "SELECT 'it''s , ( a )  b' AS \"Odd , Name\" FROM t WHERE n LIKE '%x  y%'";
    String pretty = SqlLayout.format(sql);
    assertThat(pretty).contains("'it''s , ( a )  b'", "\"Odd , Name\"", "'%x  y%'");
  }

  @Test
  void whatCannotBeLaidOutSafelyIsReturnedAsGiven() {
    for (String sql : List.of(
        "SELECT E'a\\'b' FROM t",          // backslash escapes the formatter would split from E
        "SELECT 1 -- comment\nFROM t",     // comments
        "SELECT $1 FROM t",                // parameters
        "SELECT 'open FROM t")) {          // unterminated literal
      assertThat(SqlLayout.format("  " + sql + " ")).isEqualTo(sql);
      assertThat(SqlLayout.oneLine(sql)).isEqualTo(sql);
    }
    assertThat(SqlLayout.format(null)).isEmpty();
    assertThat(SqlLayout.format("   ")).isEmpty();
  }

  @Test
  void theMeaningCheckNoticesSplitOrJoinedTokens() {
    assertThat(SqlLayout.sameMeaning(SqlLayout.lex("a != b"), SqlLayout.lex("a ! = b"))).isFalse();
    assertThat(SqlLayout.sameMeaning(SqlLayout.lex("a || b"), SqlLayout.lex("a | | b"))).isFalse();
    assertThat(SqlLayout.sameMeaning(SqlLayout.lex("1 - -1"), SqlLayout.lex("1 --1"))).isFalse();
    assertThat(SqlLayout.sameMeaning(SqlLayout.lex("t.x"), SqlLayout.lex("t. x"))).isFalse();
    assertThat(SqlLayout.sameMeaning(SqlLayout.lex("1.5e-3"), SqlLayout.lex("1.5e - 3"))).isFalse();
    assertThat(SqlLayout.sameMeaning(SqlLayout.lex("'a' 'b'"), SqlLayout.lex("'a'\n'b'"))).isFalse();
    assertThat(SqlLayout.sameMeaning(SqlLayout.lex("'A'"), SqlLayout.lex("'a'"))).isFalse();
    assertThat(SqlLayout.sameMeaning(SqlLayout.lex("COUNT ( * ) , a=b"), SqlLayout.lex("COUNT(*), a = b"))).isTrue();
    assertThat(SqlLayout.sameMeaning(SqlLayout.lex("x = - 1"), SqlLayout.lex("x = -1"))).isTrue();
  }

  /** DuckDB's parse tree of {@code sql} as JSON, without the character offsets (which layout changes). */
  private static String parseTree(Connection db, String sql) throws Exception {
    try (PreparedStatement ps = db.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1).replaceAll("\"query_location(_length)?\":\\d+,?", "");
      }
    }
  }

  /**
   * Every gold query of the committed bank, spaced the way the model writes it, is pretty-printed (not the
   * fallback), keeps the gold query's tokens, and DuckDB parses it to the same tree as the gold query.
   */
  @Test
  void everyBankQueryIsFormattedWithItsMeaningKept() throws Exception {
    Path bank = Path.of("..", "data", "eval", "education_bank.jsonl");
    ObjectMapper json = new ObjectMapper();
    try (Connection db = LocalDuckDb.open()) {
      everyBankQuery(bank, json, db);
    }
  }

  private void everyBankQuery(Path bank, ObjectMapper json, Connection db) throws Exception {
    List<String> notFormatted = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(bank)) {
      if (line.isBlank()) {
        continue;
      }
      var node = json.readTree(line).get("gold_sql");
      List<String> golds = new ArrayList<>();
      if (node.isArray()) {
        node.forEach(g -> golds.add(g.asText()));
      } else {
        golds.add(node.asText());
      }
      for (String gold : golds) {
        String pretty = SqlLayout.format(asModel(gold));
        assertThat(SqlLayout.sameMeaning(SqlLayout.lex(gold), SqlLayout.lex(pretty))).as(gold).isTrue();
        String tree = parseTree(db, gold);
        assertThat(tree).as(gold).doesNotContain("\"error\":true");
        assertThat(parseTree(db, pretty)).as(pretty).isEqualTo(tree);
        if (!pretty.contains("\n")) {
          notFormatted.add(gold);
        }
        n++;
      }
    }
    assertThat(n).isGreaterThanOrEqualTo(80);
    assertThat(notFormatted).isEmpty();
  }
}
