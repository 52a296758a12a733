package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.Domain;
import org.junit.jupiter.api.Test;

class LexiconTest {
  private final Lexicon lex = new Lexicon(TestData.domain());

  @Test
  void rowNounsExcludeMeasurePhrasesAndNonPlurals() {
    Domain d = TestData.domain();
    assertThat(lex.rowNouns(d.requireTable("attendance"))).containsExactly("attendance records");
    assertThat(lex.rowNouns(d.requireTable("students"))).contains("students", "kids", "pupils");
    assertThat(lex.isEntity(d.requireTable("students"))).isTrue();
    assertThat(lex.isEntity(d.requireTable("grades"))).isFalse();
  }

  @Test
  void valuePhrasesComeFromVocabulariesWithMembers() {
    Domain.Column grade = TestData.domain().requireTable("students").column("grade_level").orElseThrow();
    assertThat(lex.valuePhrases(grade, 9L)).contains("ninth grade", "9th grade");
    assertThat(lex.members(grade, 9L)).contains("freshmen");
  }
}
