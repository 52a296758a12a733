package dev.quarry.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlNormalizerTest {

  @Test
  void caseWhitespaceQuotesAndSemicolonDoNotMatter() {
    String a = SqlNormalizer.normalize("select  School_Name,COUNT(*)\n from \"students\"  where grade_level=9 group by School_Name;");
    String b = SqlNormalizer.normalize("SELECT school_name, count(*) FROM students WHERE grade_level = 9 GROUP BY school_name");
    assertThat(a).isEqualTo(b);
    assertThat(b).isEqualTo("SELECT school_name, count(*) FROM students WHERE grade_level = 9 GROUP BY school_name");
  }

  @Test
  void stringLiteralsKeepTheirCaseAndSpacing() {
    String n = SqlNormalizer.normalize("SELECT count(*) FROM students WHERE school_name = 'Lincoln  Elementary'");
    assertThat(n).contains("'Lincoln  Elementary'");
    assertThat(n).isNotEqualTo(SqlNormalizer.normalize("SELECT count(*) FROM students WHERE school_name = 'lincoln elementary'"));
  }

  @Test
  void differentQueriesStayDifferent() {
    assertThat(SqlNormalizer.normalize("SELECT gender FROM students ORDER BY gender DESC"))
        .isNotEqualTo(SqlNormalizer.normalize("SELECT gender FROM students ORDER BY gender"));
    // JSqlParser reads // as a comment; the normalizer must not drop what follows
    assertThat(SqlNormalizer.normalize("SELECT 7 // 2")).isNotEqualTo(SqlNormalizer.normalize("SELECT 7"));
  }

  @Test
  void unparsableTextGetsTheLexicalStepsOnly() {
    assertThat(SqlNormalizer.normalize("selec  Foo   frm  BAR ;")).isEqualTo("selec foo frm bar");
    assertThat(SqlNormalizer.normalize(null)).isEmpty();
    assertThat(SqlNormalizer.normalize("  ")).isEmpty();
  }

  @Test
  void quotedIdentifiersThatNeedQuotesKeepThem() {
    assertThat(SqlNormalizer.lexical("SELECT \"Odd Name\", \"select\" FROM t")).isEqualTo("SELECT \"Odd Name\", \"select\" FROM t");
  }
}
