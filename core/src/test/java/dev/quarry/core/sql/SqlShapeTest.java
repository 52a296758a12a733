package dev.quarry.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.text.SafeText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deep or operator-heavy SQL is refused by a linear scan before any recursive walk can overflow the stack. */
class SqlShapeTest {

  private static final SqlValidator VALIDATOR = new SqlValidator(DomainLoader.load("education"));

  static String terms(String sep, int n) {
    StringBuilder b = new StringBuilder("SELECT 1");
    for (int i = 1; i < n; i++) {
      b.append(sep).append('1');
    }
    return b.append(" FROM students").toString();
  }

  static String deepAnd(int n) {
    return "SELECT count(*) FROM students WHERE 1=1" + " AND 1=1".repeat(n);
  }

  @Test
  void measuresDepthAndOperatorsOutsideLiteralsAndComments() {
    SqlShape s = SqlShape.of("SELECT ((1 + 2)) * 3 FROM t WHERE a = '(((+' AND b <> 2 -- ((((\n /* (((( */");
    assertThat(s.maxDepth()).isEqualTo(2);
    assertThat(s.operators()).isEqualTo(6); // SELECT + * = AND <>
    assertThat(SqlShape.of(null).length()).isZero();
  }

  @Test
  void refusesTheProbesStackOverflowInputsWithAClearReason() {
    for (String sql : List.of(terms("+", 2_200), deepAnd(2_490), "SELECT " + "(".repeat(5_000) + "1" + ")".repeat(5_000))) {
      Verdict v = VALIDATOR.validate(sql);
      assertThat(v.reason()).as(v.message()).isEqualTo(RejectReason.TOO_COMPLEX);
      assertThat(v.message()).containsAnyOf("operators", "deep");
    }
  }

  @Test
  void normalizesAMegabyteOfSqlWithoutOverflowing() {
    String huge = terms(" + ", 250_000);
    assertThat(huge.length()).isGreaterThan(1_000_000);
    String n = SqlNormalizer.normalize(huge);
    assertThat(n).startsWith("SELECT 1 + 1");
    assertThat(SqlNormalizer.normalize(deepAnd(3_000))).startsWith("SELECT count(*) FROM students WHERE 1=1 AND");
  }

  @Test
  void everyGoldSqlOfTheCommittedBankIsWellWithinTheLimits() throws Exception {
    Path bank = Path.of("..", "data", "eval", "education_bank.jsonl");
    ObjectMapper json = new ObjectMapper();
    List<String> golds = new ArrayList<>();
    for (String line : Files.readAllLines(bank)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode g = json.readTree(line).get("gold_sql");
      if (g.isArray()) {
        g.forEach(x -> golds.add(x.asText()));
      } else {
        golds.add(g.asText());
      }
    }
    assertThat(golds).hasSizeGreaterThan(80);
    for (String g : golds) {
      SqlShape s = SqlShape.of(g);
      assertThat(s.maxDepth()).as(g).isLessThanOrEqualTo(SqlShape.MAX_DEPTH / 4);
      assertThat(s.operators()).as(g).isLessThanOrEqualTo(SqlShape.MAX_OPERATORS / 4);
    }
  }

  @Test
  void safeTextReplacesLoneSurrogatesAndBoundsLongValues() {
    assertThat(SafeText.wellFormed("a\udc80b\ud83d\ude00c\ud800")).isEqualTo("a\ufffdb\ud83d\ude00c\ufffd");
    String same = "plain";
    assertThat(SafeText.wellFormed(same)).isSameAs(same);
    String longA = "x".repeat(10_000);
    String longB = "x".repeat(9_999) + "y";
    String a = SafeText.bounded(longA, 100, 10);
    assertThat(a).startsWith("xxxxxxxxxx…[truncated: 10000 chars, sha256 ").hasSizeLessThan(120);
    assertThat(SafeText.bounded(longB, 100, 10)).isNotEqualTo(a);
    assertThat(SafeText.bounded("short", 100, 10)).isEqualTo("short");
  }
}
