package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiteralCheckTest {
  private final LiteralCheck check = new LiteralCheck();

  private static final LiteralPhrases SCHOOL = new LiteralPhrases("'Lincoln Elementary'", List.of("Lincoln Elementary", "Lincoln"));
  private static final LiteralPhrases YEAR = new LiteralPhrases("'2023-2024'", List.of("2023-2024", "2023-24", "last year"));

  @Test
  void acceptsAQuestionExpressingEveryLiteralByAnyPhraseIgnoringCase() {
    assertThat(check.allExpressed("How many students were at lincoln last year?", List.of(SCHOOL, YEAR))).isTrue();
    assertThat(check.allExpressed("Students at Lincoln Elementary in 2023-24", List.of(SCHOOL, YEAR))).isTrue();
  }

  @Test
  void rejectsAQuestionMissingOneLiteral() {
    assertThat(check.allExpressed("How many students were at Lincoln?", List.of(SCHOOL, YEAR))).isFalse();
  }

  @Test
  void matchesOnlyOnWordBoundaries() {
    LiteralPhrases el = new LiteralPhrases("TRUE", List.of("EL"));
    assertThat(check.allExpressed("How many non-EL students?", List.of(el))).isFalse();
    assertThat(check.allExpressed("How many EL students?", List.of(el))).isTrue();
    LiteralPhrases ten = new LiteralPhrases("10", List.of("10"));
    assertThat(check.allExpressed("incidents in 2010", List.of(ten))).isFalse();
    LiteralPhrases three = new LiteralPhrases("3", List.of("3"));
    assertThat(check.allExpressed("GPA above 3.5", List.of(three))).isFalse();
    assertThat(check.allExpressed("at least 3.", List.of(three))).isTrue();
  }
}
