package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The default configuration's yield on the fake seed (about 10 s); prints counts per template. */
@Tag("slow")
class DefaultScaleTest {

  @Test
  void defaultsYieldAboutTenThousandSqlsWithFourToFiveQuestionsEach() {
    List<Candidate> all = new CandidateGenerator(TestData.domain(), TestData.catalog(), SynthConfig.defaults())
        .generateAll();
    long questions = all.stream().mapToLong(c -> c.questions().size()).sum();
    Map<String, Integer> perTemplate = new TreeMap<>();
    all.forEach(c -> perTemplate.merge(c.templateId(), 1, Integer::sum));
    System.out.println("candidates=" + all.size() + " questions=" + questions + " perTemplate=" + perTemplate);
    assertThat(all.size()).isBetween(8_000, 14_000);
    assertThat(questions).isGreaterThan(4L * all.size());
    Map<String, String> sqlByQuestion = new java.util.HashMap<>();
    long clashes = 0;
    for (Candidate c : all) {
      for (String q : c.questions()) {
        String prev = sqlByQuestion.putIfAbsent(QuestionRealizer.normalize(q), c.sql());
        clashes += prev != null && !prev.equals(c.sql()) ? 1 : 0;
      }
    }
    assertThat(clashes).as("questions used for two SQLs").isZero();
  }
}
