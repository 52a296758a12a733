package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.Domain;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LexiconTest {
  private final Lexicon lex = new Lexicon(TestData.domain());

  @Test
  void relativeYearsCountBackFromTheCurrentYear() {
    assertThat(lex.relativeYearPhrases("2024-2025")).contains("this year", "the current school year");
    assertThat(lex.relativeYearPhrases("2023-2024")).contains("last year", "the previous school year");
    assertThat(lex.relativeYearPhrases("2022-2023")).containsExactly("two years ago");
    assertThat(lex.relativeYearPhrases("2021-2022")).isEmpty();
    assertThat(lex.yearLiteralPhrases("2023-2024")).startsWith("2023-2024", "2023-24");
  }

  @Test
  void shortensSchoolYears() {
    assertThat(Lexicon.shortYear("2023-2024")).isEqualTo("2023-24");
    assertThat(Lexicon.shortYear("FY2024")).isEqualTo("FY2024");
  }

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

  @Test
  void spellsNumbersAndDates() {
    assertThat(Lexicon.numberPhrases(3)).containsExactly("3", "three");
    assertThat(Lexicon.numberPhrases(3.5)).containsExactly("3.5");
    assertThat(Lexicon.datePhrases(LocalDate.of(2023, 9, 5))).containsExactly("September 5, 2023", "Sep 5, 2023",
        "2023-09-05");
    assertThat(Lexicon.monthPhrases("2023-10")).contains("October 2023");
  }
}
