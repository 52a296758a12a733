package dev.quarry.train.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.domain.PhraseCatalog;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every phrase the shared {@link PhraseCatalog} writes into synthesized questions comes back from the
 * {@link LiteralAnonymizer} as a placeholder for the same SQL literal, inside a sentence, so a phrasing can
 * never be written by synth and missed by the model's anonymizer.
 */
class PhraseCatalogRoundTripTest {
  private final PhraseCatalog catalog = new PhraseCatalog(DomainLoader.load("education"));
  private final LiteralAnonymizer anonymizer = new LiteralAnonymizer(catalog);

  /** The single literal found in "how many students for {phrase} please", or a failure naming the phrase. */
  private QuestionLiteral only(String phrase) {
    Anonymized a = anonymizer.anonymize("how many students for " + phrase + " please");
    assertThat(a.literals()).as("literals of \"%s\"", phrase).hasSize(1);
    QuestionLiteral l = a.literals().get(0);
    assertThat(a.text()).as("anonymized \"%s\"", phrase)
        .isEqualTo("how many students for " + l.placeholder() + " please");
    return l;
  }

  @Test
  void everyVocabularyFormBecomesItsValue() {
    List<String> missed = new ArrayList<>();
    int checked = 0;
    for (PhraseCatalog.ValueForm f : catalog.stringValueForms()) {
      String p = f.phrase();
      boolean caps = p.equals(p.toUpperCase(Locale.ROOT)) && p.length() >= 2;
      if (p.length() < 3 && !caps) {
        continue; // too short to find safely; LiteralAnonymizer documents the rule
      }
      checked++;
      QuestionLiteral l = only(p);
      if (!l.sqlToken().equals("'" + f.value().replace("'", "''") + "'")
          || !l.placeholder().startsWith("<" + f.vocabulary() + "_")) {
        missed.add(p + " -> " + l);
      }
    }
    assertThat(checked).isGreaterThan(50);
    assertThat(missed).isEmpty();
  }

  @Test
  void writtenSchoolYearsBecomeTheYear() {
    assertThat(catalog.years()).isNotEmpty();
    for (String year : catalog.years()) {
      for (String p : PhraseCatalog.writtenYearPhrases(year)) {
        QuestionLiteral l = only(p);
        assertThat(l.sqlToken()).as(p).isEqualTo("'" + year + "'");
        assertThat(l.placeholder()).startsWith("<year_");
      }
    }
  }

  @Test
  void everyDatePhraseOfFiveYearsBecomesTheIsoDate() {
    for (LocalDate d = LocalDate.of(2021, 1, 1); d.isBefore(LocalDate.of(2026, 1, 1)); d = d.plusDays(1)) {
      for (String p : PhraseCatalog.datePhrases(d)) {
        assertThat(only(p).sqlToken()).as(p).isEqualTo("'" + d + "'");
      }
    }
  }

  @Test
  void everyMonthPhraseBecomesTheYearMonth() {
    for (YearMonth m = YearMonth.of(2021, 1); m.isBefore(YearMonth.of(2026, 1)); m = m.plusMonths(1)) {
      for (String p : PhraseCatalog.monthPhrases(m.toString())) {
        assertThat(only(p).sqlToken()).as(p).isEqualTo("'" + m + "'");
      }
    }
  }

  @Test
  void numbersInDigitsBecomeNumbersAndNumberWordsAndRelativeYearsAreLeftToTheModel() {
    for (Number n : List.of(0, 3, 12, 25, 250, 2.5, 0.75, 1000)) {
      List<String> phrases = PhraseCatalog.numberPhrases(n);
      QuestionLiteral l = only(phrases.get(0));
      assertThat(l.sqlToken()).isEqualTo(PhraseCatalog.formatNumber(n));
      for (String word : phrases.subList(1, phrases.size())) {
        assertThat(anonymizer.anonymize("top " + word + " schools").literals()).as(word).isEmpty();
      }
    }
    assertThat(PhraseCatalog.NOT_ANONYMIZED).containsExactlyInAnyOrder("relative year", "number word");
    for (String year : catalog.years()) {
      for (String rel : catalog.relativeYearPhrases(year)) {
        assertThat(anonymizer.anonymize("how many students " + rel).literals()).as(rel).isEmpty();
      }
    }
  }
}
