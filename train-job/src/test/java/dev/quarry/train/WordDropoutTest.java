package dev.quarry.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.train.text.Vocabulary;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordDropoutTest {

  @Test
  void dropsWordsAtAboutTheRateButNeverPlaceholdersOrSpecials() {
    Vocabulary v = Vocabulary.build(List.of(List.of("how", "many", "<schools_1>", "students")), List.of(List.of("SELECT")), 1);
    WordDropout d = new WordDropout(v);
    int[] q = {v.id("how"), v.id("many"), v.id("<schools_1>"), v.id("students"), Vocabulary.SEP};
    Random rnd = new Random(7);
    int dropped = 0;
    int words = 0;
    for (int i = 0; i < 2000; i++) {
      int[] out = d.apply(q, rnd);
      assertThat(out[2]).isEqualTo(v.id("<schools_1>"));
      assertThat(out[4]).isEqualTo(Vocabulary.SEP);
      for (int k : new int[] {0, 1, 3}) {
        words++;
        if (out[k] == Vocabulary.UNK) {
          dropped++;
        } else {
          assertThat(out[k]).isEqualTo(q[k]);
        }
      }
    }
    assertThat((double) dropped / words).isBetween(WordDropout.RATE - 0.03, WordDropout.RATE + 0.03);
    assertThat(q[0]).isEqualTo(v.id("how")); // the input is not changed
  }
}
