package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TypingNoiseTest {

  @Test
  void aSlipIsOneEditInOneLongLowerCaseWordAndNamesStayIntact() {
    String q = "How many students were chronically absent at Lincoln Elementary in 2023-24?";
    for (long seed = 0; seed < 200; seed++) {
      String out = TypingNoise.misspellOneWord(q, new SplittableRandom(seed));
      assertThat(out).isNotEqualTo(q).contains("Lincoln Elementary", "How many", "2023-24", " at ", " in ");
      assertThat(Edits.distance(q, out)).as(out).isEqualTo(1);
    }
  }

  @Test
  void aQuestionWithoutALongLowerCaseWordIsLeftAlone() {
    assertThat(TypingNoise.misspellOneWord("GPA at Lincoln in 2023-24?", new SplittableRandom(1)))
        .isEqualTo("GPA at Lincoln in 2023-24?");
  }

  @Test
  void functionWordsAreDroppedButNegationAndContentStay() {
    assertThat(TypingNoise.dropFunctionWords("What is the average GPA of students who are not in the ELL program?"))
        .isEqualTo("What average GPA of students who not in ELL program?");
    assertThat(TypingNoise.dropFunctionWords("The number of incidents")).isEqualTo("Number of incidents");
  }

  @Test
  void theSameGeneratorStateGivesTheSameNoiseAndSeedsVaryIt() {
    String q = "Show the average number of absences per student at Jefferson High.";
    assertThat(TypingNoise.apply(q, new SplittableRandom(7))).isEqualTo(TypingNoise.apply(q, new SplittableRandom(7)));
    java.util.Set<String> outs = new java.util.HashSet<>();
    for (long s = 0; s < 30; s++) {
      String out = TypingNoise.apply(q, new SplittableRandom(s));
      assertThat(out).containsIgnoringCase("Jefferson High");
      outs.add(out);
    }
    assertThat(outs).hasSizeGreaterThan(10);
    assertThat(outs).anyMatch(o -> o.contains("Jefferson High") && Edits.distance(o, q) == 1);
  }
}
