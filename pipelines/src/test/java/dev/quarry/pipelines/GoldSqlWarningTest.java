package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.eval.bank.QueryBank;
import dev.quarry.eval.results.EvalError;
import dev.quarry.eval.run.EvalOutcome;
import dev.quarry.eval.results.Metrics;
import dev.quarry.eval.results.QuestionResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failing gold SQL is named on the console with its bank, question and DuckDB's error. */
class GoldSqlWarningTest {

  private static QuestionResult result(String id, EvalError errorClass, String message) {
    return new QuestionResult(id, "q", "c", "easy", "SELECT 1", "SELECT 1", false, false, false, false, true,
        errorClass, 0, 0, List.of(), List.of(), List.of(), List.of(), message);
  }

  @Test
  void eachFailingGoldIsWarnedAboutWithBankAndQuestion() {
    List<QuestionResult> rs = List.of(result("fine", EvalError.WRONG_RESULT, "result differs from gold"),
        result("att-07", EvalError.GOLD_FAILED,
            "gold SQL failed, so this question is not scored: Catalog Error: Table with name studnets does not exist!"));
    EvalOutcome out = new EvalOutcome("run", Path.of("run"), Metrics.of(rs), null, rs);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EvalStage.warnAboutFailingGoldSql(out, new QueryBank("my_bank.jsonl", "0",
        List.of(new dev.quarry.eval.bank.BankQuestion("att-07", "q", List.of("SELECT 1"), "c", "easy", null))),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String err = bytes.toString(StandardCharsets.UTF_8);
    assertThat(err).contains("quarry: warning: my_bank.jsonl, question att-07: gold SQL failed, so this question is"
        + " not scored: Catalog Error: Table with name studnets does not exist!");
    assertThat(err).contains("1 question(s) of my_bank.jsonl have gold SQL that fails; they are not scored");
    assertThat(err).doesNotContain("fine");
  }
}
