package dev.quarry.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.eval.TinySeed;
import dev.quarry.eval.bank.BankQuestion;
import dev.quarry.eval.bank.QueryBank;
import dev.quarry.core.compare.ResultComparator;
import dev.quarry.eval.results.EvalError;
import dev.quarry.eval.results.Metrics;
import dev.quarry.eval.results.QuestionResult;
import dev.quarry.eval.generate.Prediction;
import dev.quarry.eval.generate.Predictor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A question whose gold SQL fails is reported as gold_failed and left out of the scores, whatever the model said. */
class GoldFailedTest {

  @Test
  void aFailingGoldIsReportedAndNotScoredAgainstTheModel(@TempDir Path tmp) {
    Path seed = TinySeed.create(tmp.resolve("seed"), 0);
    List<BankQuestion> qs = List.of(
        new BankQuestion("ok", "how many", List.of("SELECT COUNT(*) FROM students"), "c", "easy", null),
        new BankQuestion("bad", "how many", List.of("SELECT COUNT(*) FROM studnets"), "c", "easy", null),
        new BankQuestion("bad-empty", "how many", List.of("SELECT nope FROM students"), "c", "easy", null));
    Map<String, String> sql = Map.of("ok", "SELECT COUNT(*) FROM students", "bad", "SELECT COUNT(*) FROM students",
        "bad-empty", "");
    Predictor p = new Predictor() {
      @Override
      public String modelId() {
        return "m";
      }

      @Override
      public Prediction predict(BankQuestion q) {
        return new Prediction(sql.get(q.id()), 0, null);
      }
    };
    try (SqlSandbox s = SqlSandbox.open(DomainLoader.load("education"), seed,
        SandboxSettings.defaults().withIsolation(SandboxSettings.Isolation.IN_PROCESS))) {
      List<QuestionResult> rs = new EvalRunner(s, List.of(), ResultComparator.defaults())
          .run(new QueryBank("t", "0", qs), p, null);
      assertThat(rs.get(0).exStrict()).isTrue();
      for (QuestionResult r : rs.subList(1, 3)) {
        assertThat(r.errorClass()).isEqualTo(EvalError.GOLD_FAILED);
        assertThat(r.message()).startsWith("gold SQL failed, so this question is not scored: ");
      }
      assertThat(rs.get(1).message()).contains("studnets");
      Metrics m = Metrics.of(rs);
      assertThat(m.n()).isEqualTo(1);
      assertThat(m.exStrict()).isEqualTo(1.0);
      assertThat(SummaryJson.errorClasses(rs)).containsEntry(EvalError.GOLD_FAILED.id(), 2);
    }
  }
}
