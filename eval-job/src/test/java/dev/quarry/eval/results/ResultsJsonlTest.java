package dev.quarry.eval.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.sql.FailureClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code results.jsonl}: the failure class is classified once, written, and read back as written. */
class ResultsJsonlTest {

  @TempDir Path tmp;

  private static QuestionResult wrong(String gold, String predicted) {
    return new QuestionResult("q1", "how many students", "c", "easy", gold, predicted, false, false, false, false,
        true, EvalError.WRONG_RESULT, 1, 2, List.of("n"), List.of(List.of(3L)), List.of("n"), List.of(List.of(4L)),
        "result differs from gold");
  }

  @Test
  void theFailureClassIsClassifiedAtConstructionAndSurvivesTheFile() throws Exception {
    QuestionResult r = wrong("SELECT COUNT(*) FROM students", "SELECT COUNT(*) FROM grades");
    assertThat(r.failureClass()).isEqualTo(FailureClass.WRONG_TABLE);

    Path file = tmp.resolve("results.jsonl");
    ResultsJsonl.write(file, List.of(r));
    assertThat(Files.readString(file)).contains("\"failure_class\":\"wrong_table\"");
    assertThat(ResultsJsonl.read(file)).singleElement()
        .satisfies(back -> assertThat(back.failureClass()).isEqualTo(FailureClass.WRONG_TABLE));
  }

  @Test
  void theClassAsWrittenWinsOverReclassifyingAndALineWithoutOneIsClassifiedOnRead() {
    ObjectNode json = ResultsJsonl.toJson(wrong("SELECT COUNT(*) FROM students", "SELECT COUNT(*) FROM grades"));
    json.put("failure_class", "wrong_grouping");
    assertThat(ResultsJsonl.fromJson(json).failureClass()).isEqualTo(FailureClass.WRONG_GROUPING);

    json.remove("failure_class");
    assertThat(ResultsJsonl.fromJson(json).failureClass()).isEqualTo(FailureClass.WRONG_TABLE);
  }

  @Test
  void aRightAnswerHasNoFailureClassAndAnUnknownKeyIsRefusedByName() {
    QuestionResult right = new QuestionResult("q2", "q", "c", "easy", "SELECT 1", "SELECT 1", true, true, true, true,
        true, null, 1, 1, List.of("x"), List.of(), List.of("x"), List.of(), null);
    assertThat(right.failureClass()).isNull();

    ObjectNode json = ResultsJsonl.toJson(wrong("SELECT 1", "SELECT 2"));
    json.put("failure_class", "wrong_planet");
    assertThatThrownBy(() -> ResultsJsonl.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wrong_planet").hasMessageContaining("wrong_table");
  }
}
