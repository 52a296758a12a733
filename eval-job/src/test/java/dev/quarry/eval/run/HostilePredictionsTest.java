package dev.quarry.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.eval.TinySeed;
import dev.quarry.eval.results.EvalError;
import dev.quarry.eval.results.QuestionResult;
import org.junit.jupiter.api.BeforeAll;
import dev.quarry.eval.bank.BankQuestion;
import dev.quarry.core.compare.ResultComparator;
import dev.quarry.eval.generate.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile predictions are scored as failures and never change data or reach the file system. */
class HostilePredictionsTest {

  @TempDir static Path tmp;
  static Path seed;

  @BeforeAll
  static void tinySeed() {
    seed = TinySeed.create(tmp.resolve("seed"), 0);
  }

  private static final BankQuestion Q = new BankQuestion("h1", "how many kids", List.of("SELECT COUNT(*) FROM students"),
      "demographics", "easy", null);

  @ParameterizedTest
  @ValueSource(strings = {
      "DROP TABLE students",
      "DELETE FROM students",
      "UPDATE students SET gender = 'X'",
      "INSERT INTO students SELECT * FROM students",
      "CREATE TABLE evil AS SELECT 1",
      "ATTACH '/tmp/evil.duckdb' AS evil",
      "COPY students TO '/tmp/quarry-evil.csv'",
      "SELECT 7 // 2; DROP TABLE students",
      "SELECT COUNT(*) FROM students; DELETE FROM students",
      "SELECT * FROM read_csv('/etc/passwd')",
      "PRAGMA database_list",
      "SET enable_external_access = true",
      "INSTALL httpfs",
      "SELECT * FROM students a, students b, students c, students d, students e, students f, students g, students h, students i, students j"
  })
  void hostilePredictionFailsAndLeavesDataIntact(String sql) throws Exception {
    Path marker = Path.of("/tmp/quarry-evil.csv");
    Files.deleteIfExists(marker);
    try (SqlSandbox s = SqlSandbox.open(DomainLoader.load("education"), seed,
        SandboxSettings.defaults().withTimeout(Duration.ofMillis(1500)))) {
      Map<String, Long> before = s.tableRowCounts();
      QuestionResult r = new EvalRunner(s, List.of(), ResultComparator.defaults()).score(Q, new Prediction(sql, 0, null));
      assertThat(r.exStrict()).isFalse();
      assertThat(r.errorClass()).isIn(EvalError.UNSAFE, EvalError.PARSE_ERROR, EvalError.TIMEOUT, EvalError.RUNTIME_ERROR,
          EvalError.UNKNOWN_TABLE);
      assertThat(s.tableRowCounts()).isEqualTo(before);
      assertThat(s.execute("SELECT COUNT(*) FROM students").rows()).isEqualTo(List.of(List.of(before.get("students"))));
    }
    assertThat(marker).doesNotExist();
  }
}
