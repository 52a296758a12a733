package dev.quarry.train.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

  private static final List<List<String>> QUESTIONS = List.of(
      List.of("how", "many", "students", "at", "<schools_1>"), List.of("how", "many", "studnets", "<schools_1>"),
      List.of("how", "many", "studnets", "absent"));
  private static final List<List<String>> SQLS = List.of(
      List.of("SELECT", "COUNT", "(", "*", ")", "FROM", "students", "WHERE", "school_name", "=", "<schools_1>"));

  @Test
  void sqlTokensComeFirstSoTheOutputLayerScoresOnlyThem() {
    Vocabulary v = Vocabulary.build(QUESTIONS, SQLS, 2);
    assertThat(v.outputSize()).isEqualTo(4 + 11); // the specials and the 11 distinct SQL tokens
    for (int id = 0; id < v.outputSize(); id++) {
      String t = v.token(id);
      assertThat(id < 4 || SQLS.get(0).contains(t)).as("output token %s", t).isTrue();
    }
    assertThat(v.id("studnets")).as("a question-only word seen twice").isGreaterThanOrEqualTo(v.outputSize());
    assertThat(v.id("how")).isGreaterThanOrEqualTo(v.outputSize());
    assertThat(v.id("students")).as("a word in SQL and questions is an output token").isLessThan(v.outputSize());
    assertThat(v.id("absent")).as("seen once").isEqualTo(Vocabulary.UNK);
    assertThat(Vocabulary.build(List.of(QUESTIONS.get(2), QUESTIONS.get(1), QUESTIONS.get(0)), SQLS, 2).id("how"))
        .as("independent of input order").isEqualTo(v.id("how"));
  }

  @Test
  void theOutputSizeIsSavedAndAnOlderFileScoresEveryToken(@TempDir Path tmp) throws Exception {
    Vocabulary v = Vocabulary.build(QUESTIONS, SQLS, 2);
    v.save(tmp.resolve("tokenizer.json"));
    Vocabulary back = Vocabulary.load(tmp.resolve("tokenizer.json"));
    assertThat(back.outputSize()).isEqualTo(v.outputSize());
    assertThat(back.size()).isEqualTo(v.size());
    Files.writeString(tmp.resolve("old.json"), "{\"tokens\": [\"<pad>\", \"<unk>\", \"<sep>\", \"<eos>\", \"a\", \"b\"]}");
    assertThat(Vocabulary.load(tmp.resolve("old.json")).outputSize()).isEqualTo(6);
  }
}
