package dev.quarry.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

class DedupeAndSplitTest {

  static SynthPair pair(String question, String sql, String fingerprint) {
    String nq = TextNormalizer.question(question);
    return new SynthPair(StableHash.id(nq, sql), question, nq, sql, sql, "filtered_count", "easy", "t1",
        fingerprint, 1, null);
  }

  @Test
  void ambiguousQuestionsAreDroppedAndDuplicatesCollapseToOnePair() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<SynthPair> in = p.apply(Create.of(List.of(
        pair("How many kids?", "SELECT COUNT(*) FROM students", "r1"),
        pair("how many  kids", "SELECT COUNT(student_id) FROM students", "r1"),
        pair("How many girls?", "SELECT COUNT(*) FROM students WHERE gender = 'Female'", "r2"),
        pair("How many girls?", "SELECT COUNT(*) FROM students WHERE gender = 'Male'", "r3"),
        pair("Total absences?", "SELECT SUM(absence_count) FROM attendance", "r4"))));
    PCollectionTuple out = in.apply(new DedupePairs());
    PAssert.that(out.get(DedupePairs.KEPT)).satisfies(kept -> {
      List<String> sqls = new ArrayList<>();
      kept.forEach(k -> sqls.add(k.sql()));
      assertThat(sqls).containsExactlyInAnyOrder(
          "SELECT COUNT(*) FROM students", "SELECT SUM(absence_count) FROM attendance");
      return null;
    });
    PAssert.that(out.get(DedupePairs.REJECTED)).satisfies(rejects -> {
      Map<String, Integer> reasons = new TreeMap<>();
      rejects.forEach(r -> reasons.merge(r.reason().id(), 1, Integer::sum));
      assertThat(reasons).containsExactlyEntriesOf(new TreeMap<>(Map.of("ambiguous_question", 2, "duplicate", 1)));
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void rephrasingsOfOneSqlNeverCrossSplits() {
    Map<String, String> splitBySql = new TreeMap<>();
    Map<String, Integer> sizes = new TreeMap<>();
    for (int i = 0; i < 2000; i++) {
      String sql = "SELECT COUNT(*) FROM students WHERE student_id > " + i;
      String s = SplitPairs.splitOf(7, sql, 0.8, 0.1);
      for (int q = 0; q < 3; q++) {
        assertThat(SplitPairs.splitOf(7, sql, 0.8, 0.1)).isEqualTo(s);
      }
      splitBySql.put(sql, s);
      sizes.merge(s, 1, Integer::sum);
    }
    assertThat(sizes.get("train")).isBetween(1500, 1700);
    assertThat(sizes.get("validation")).isBetween(140, 260);
    assertThat(sizes.get("test")).isBetween(140, 260);
    assertThat(SplitPairs.splitOf(8, "SELECT 1", 0.8, 0.1)).isIn("train", "validation", "test");
  }

  @Test
  void badSplitFractionsAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SplitPairs(1, 0.9, 0.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("train=0.9");
  }

  @Test
  void questionNormalizationIgnoresCaseSpacesAndFinalPunctuation() {
    assertThat(TextNormalizer.question("  How MANY\tkids? ")).isEqualTo("how many kids");
    assertThat(TextNormalizer.question("List schools.")).isEqualTo(TextNormalizer.question("list schools"));
  }
}
