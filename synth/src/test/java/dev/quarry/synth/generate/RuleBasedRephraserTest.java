package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBasedRephraserTest {
  private static final List<LiteralPhrases> LITS = List.of(
      new LiteralPhrases("'Jefferson High'", List.of("Jefferson High", "Jefferson")),
      new LiteralPhrases("'2023-2024'", List.of("2023-2024", "2023-24", "last year")));

  @Test
  void sameSeedAndQuestionGiveTheSameVariants() {
    String q = "How many incidents were there at Jefferson last year?";
    assertThat(new RuleBasedRephraser(1).rephrase(q, LITS, 3)).isEqualTo(new RuleBasedRephraser(1).rephrase(q, LITS, 3));
  }

  @Test
  void variantsAreDistinctDifferFromTheQuestionAndKeepLiterals() {
    String q = "What is the average GPA at Jefferson in 2023-24?";
    List<String> vs = new RuleBasedRephraser(5).rephrase(q, LITS, 4);
    assertThat(vs).hasSize(4).doesNotContain(q);
    assertThat(vs.stream().map(QuestionRealizer::normalize)).doesNotHaveDuplicates();
    LiteralCheck check = new LiteralCheck();
    assertThat(vs).allSatisfy(v -> assertThat(check.allExpressed(v, LITS)).isTrue());
  }

  @Test
  void seedChangesTheChoiceAmongVariants() {
    String q = "Show the number of incidents at Jefferson by severity for 2023-24.";
    boolean differs = false;
    for (long s = 0; s < 5 && !differs; s++) {
      differs = !new RuleBasedRephraser(s).rephrase(q, LITS, 1).equals(new RuleBasedRephraser(s + 100).rephrase(q, LITS, 1));
    }
    assertThat(differs).isTrue();
  }

  @Test
  void rewritesQuestionAndImperativeForms() {
    assertThat(RuleBasedRephraser.variants("How many kids are at Jefferson?"))
        .contains("Can you tell me how many kids are at Jefferson?", "how many kids are at jefferson");
    assertThat(RuleBasedRephraser.variants("List the schools with more than 5 incidents."))
        .contains("Please list the schools with more than 5 incidents.", "Can you list the schools with more than 5 incidents?");
  }

  @Test
  void fragmentsDropTheQuestionOrCommandFrame() {
    assertThat(RuleBasedRephraser.variants("What is the average GPA at Jefferson in 2023-24?"))
        .contains("average GPA at Jefferson in 2023-24");
    assertThat(RuleBasedRephraser.variants("List the schools with more than 5 incidents."))
        .contains("schools with more than 5 incidents");
    assertThat(RuleBasedRephraser.variants("Show me the number of incidents by severity."))
        .contains("number of incidents by severity");
    assertThat(RuleBasedRephraser.variants("How many kids are at Jefferson?")).contains("number of kids are at Jefferson");
  }

  @Test
  void theDomainsAbbreviationsShortenWholeWordsOnlyAndKeepLiterals() {
    RuleBasedRephraser r = new RuleBasedRephraser(3, java.util.Map.of("average", List.of("avg"),
        "number of", List.of("# of")));
    java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
    assertThat(r.abbreviate("What is the average GPA and the number of averages?", rng))
        .isEqualTo("What is the avg GPA and the # of averages?");
    String q = "What is the average GPA at Jefferson in 2023-24?";
    List<String> vs = r.rephrase(q, LITS, 5);
    assertThat(vs).anyMatch(v -> v.toLowerCase().contains("avg gpa"));
    LiteralCheck check = new LiteralCheck();
    assertThat(vs).allSatisfy(v -> assertThat(check.allExpressed(v, LITS)).isTrue());
  }
}
