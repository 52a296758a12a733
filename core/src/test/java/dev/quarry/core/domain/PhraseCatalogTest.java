package dev.quarry.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PhraseCatalogTest {
  private final PhraseCatalog catalog = new PhraseCatalog(DomainLoader.load("education"));

  @Test
  void relativeYearsCountBackFromTheCurrentYear() {
    assertThat(catalog.relativeYearPhrases("2024-2025")).contains("this year", "the current school year");
    assertThat(catalog.relativeYearPhrases("2023-2024")).contains("last year", "the previous school year");
    assertThat(catalog.relativeYearPhrases("2022-2023")).containsExactly("two years ago");
    assertThat(catalog.relativeYearPhrases("2021-2022")).isEmpty();
    assertThat(catalog.yearPhrases("2023-2024")).startsWith("2023-2024", "2023-24").contains("last year");
    assertThat(PhraseCatalog.writtenYearPhrases("2023-2024")).containsExactly("2023-2024", "2023-24");
  }

  @Test
  void shortensSchoolYears() {
    assertThat(PhraseCatalog.shortYear("2023-2024")).isEqualTo("2023-24");
    assertThat(PhraseCatalog.shortYear("FY2024")).isEqualTo("FY2024");
  }

  @Test
  void valuePhrasesComeFromVocabulariesWithMembers() {
    assertThat(catalog.valuePhrases("grade_levels", 9L, "grade")).contains("ninth grade", "9th grade");
    assertThat(catalog.members("grade_levels", 9L)).contains("freshmen");
    assertThat(catalog.valuePhrases(null, 7, "period")).containsExactly("period 7");
    assertThat(catalog.valuePhrases(null, "Room 4", "room")).containsExactly("Room 4");
  }

  @Test
  void stringValueFormsListPhrasesMembersAndTheValueOfStringEntriesOnly() {
    assertThat(catalog.stringValueForms())
        .allSatisfy(f -> assertThat(catalog.entry(f.vocabulary(), f.value()).value()).isInstanceOf(String.class))
        .noneMatch(f -> f.vocabulary().equals("grade_levels"))
        .anyMatch(f -> f.vocabulary().equals("schools") && f.phrase().equals(f.value()));
  }

  @Test
  void spellsNumbersAndDates() {
    assertThat(PhraseCatalog.numberPhrases(3)).containsExactly("3", "three");
    assertThat(PhraseCatalog.numberPhrases(3.5)).containsExactly("3.5");
    assertThat(PhraseCatalog.formatNumber(2.50)).isEqualTo("2.5");
    assertThat(PhraseCatalog.datePhrases(LocalDate.of(2023, 9, 5))).containsExactly("September 5, 2023",
        "Sep 5, 2023", "2023-09-05");
    assertThat(PhraseCatalog.monthPhrases("2023-10")).containsExactly("October 2023", "Oct 2023");
    assertThat(PhraseCatalog.monthPhrases("2023-05")).containsExactly("May 2023");
  }
}
