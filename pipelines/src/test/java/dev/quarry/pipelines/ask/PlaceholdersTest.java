package dev.quarry.pipelines.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.DomainLoader;
import dev.quarry.train.text.Anonymized;
import dev.quarry.train.text.LiteralAnonymizer;
import dev.quarry.train.text.SqlTokens;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

  @Test
  void placeholdersLeftByTheModelMakeTheSqlIncomplete() {
    String sql = "SELECT COUNT ( * ) FROM discipline WHERE school_year = <year_1> AND action = <actions_1>"
        + " AND school_year = <year_1>";
    assertThat(Placeholders.unresolved(sql)).containsExactly("<year_1>", "<actions_1>");
    assertThat(Placeholders.isComplete(sql)).isFalse();
    assertThat(Placeholders.isComplete("SELECT x FROM t WHERE y = <unk>")).isFalse();
    assertThat(Placeholders.isComplete("SELECT x FROM t WHERE y = '2023-2024'")).isTrue();
  }

  @Test
  void comparisonsAndQuotedTextAreNotPlaceholders() {
    assertThat(Placeholders.isComplete("SELECT x FROM t WHERE a < b AND c > d AND e <> f AND g <= 1")).isTrue();
    assertThat(Placeholders.isComplete("SELECT '<year_1>' AS \"<num_2>\" FROM t WHERE n = 'it''s <num_1>'")).isTrue();
    assertThat(Placeholders.isComplete("")).isFalse();
    assertThat(Placeholders.isComplete(null)).isFalse();
    assertThat(Placeholders.unresolved(null)).isEmpty();
  }

  /** What the generator produces when the question lacks a value: the placeholder survives restoring. */
  @Test
  void aPlaceholderTheQuestionDidNotFillSurvivesRestoring() {
    LiteralAnonymizer anonymizer = new LiteralAnonymizer(DomainLoader.load("education"));
    Anonymized q = anonymizer.anonymize("How many students were enrolled in 2023-24?");
    assertThat(q.literals()).hasSize(1);
    List<String> filled = LiteralAnonymizer.restore(
        SqlTokens.tokenize("SELECT COUNT ( * ) FROM enrollment WHERE school_year = " + q.literals().get(0).placeholder()),
        q.literals());
    assertThat(Placeholders.isComplete(SqlTokens.join(filled))).isTrue();
    List<String> unfilled = LiteralAnonymizer.restore(
        SqlTokens.tokenize("SELECT COUNT ( * ) FROM enrollment WHERE school_year = <year_2>"), q.literals());
    assertThat(Placeholders.unresolved(SqlTokens.join(unfilled))).containsExactly("<year_2>");
  }
}
