package dev.quarry.eval.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.eval.bank.BankQuestion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A predictions line with invalid UTF-8 costs its question (message names file and line), not the run. */
class ReplayPredictorTest {

  @TempDir Path dir;

  private static BankQuestion q(String id) {
    return new BankQuestion(id, "question " + id, List.of("SELECT 1"), "c", "easy", null);
  }

  @Test
  void aLineWithInvalidUtf8GivesThatQuestionAnEmptyPredictionNamingFileAndLine() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("{\"id\": \"a\", \"predicted_sql\": \"SELECT 1\"}\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("{\"id\": \"b\", \"predicted_sql\": \"SELECT '".getBytes(StandardCharsets.UTF_8));
    b.write(0xC3);
    b.write(0x28);
    b.writeBytes("'\"}\n".getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("preds.jsonl");
    Files.write(file, b.toByteArray());
    ReplayPredictor p = ReplayPredictor.load(file);
    assertThat(p.predict(q("a")).sql()).isEqualTo("SELECT 1");
    Prediction bad = p.predict(q("b"));
    assertThat(bad.sql()).isEmpty();
    assertThat(bad.message()).isEqualTo("predictions file " + file
        + " line 2: invalid UTF-8 at byte 39 of the line (0xC3); this prediction is not scored");
  }

  @Test
  void aLineThatIsNotJsonNamesFileAndLine() throws Exception {
    Path file = dir.resolve("broken.jsonl");
    Files.writeString(file, "{\"id\": \"a\", \"sql\": \"SELECT 1\"}\n{oops\n");
    assertThatThrownBy(() -> ReplayPredictor.load(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + " line 2: not JSON");
  }
}
