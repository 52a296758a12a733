package dev.quarry.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.core.compare.ValueNormalizer;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.model.GeneratorContext;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.eval.TinySeed;
import dev.quarry.eval.bank.JsonlBankReader;
import dev.quarry.eval.bank.QueryBank;
import dev.quarry.eval.results.EvalError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on tiny seed data: gold run, files, history, test-suite, replay, regression gate. */
class EvalJobTest {

  @TempDir static Path seeds;
  @TempDir Path ws;

  static Path main;
  static Path suite;
  static final Domain DOMAIN = DomainLoader.load("education");
  static final String BANK = """
      {"id":"c1","question":"how many kids","gold_sql":"SELECT COUNT(*) FROM students","category":"demographics","difficulty":"easy"}
      {"id":"c2","question":"absences by kid","gold_sql":"SELECT student_id, absence_count FROM attendance ORDER BY student_id","category":"attendance","difficulty":"medium"}
      {"id":"c3","question":"chronic","gold_sql":["SELECT COUNT(*) FROM attendance WHERE is_chronically_absent","SELECT student_id FROM attendance WHERE is_chronically_absent"],"category":"attendance","difficulty":"easy"}
      {"id":"c4","question":"avg score","gold_sql":"SELECT AVG(grade_numeric) FROM grades","category":"grades","difficulty":"easy"}
      """;

  @BeforeAll
  static void seedData() {
    main = TinySeed.create(seeds.resolve("main"), 0);
    suite = TinySeed.create(seeds.resolve("suite"), 2);
  }

  private EvalRequest request(String model, String baseline, double maxDrop) {
    QueryBank bank = JsonlBankReader.parse(BANK.getBytes(StandardCharsets.UTF_8), "tiny.jsonl");
    return new EvalRequest(ws, "test", model, bank, DOMAIN, main, List.of(43L), List.of(suite), null, baseline, maxDrop,
        SandboxSettings.defaults().withTimeout(Duration.ofSeconds(2)), new ValueNormalizer(6, 1e-6),
        new GeneratorContext(DOMAIN, ws, null, null, Duration.ofSeconds(1), 0));
  }

  @Test
  void goldScoresFullMarksAndWritesTheContractFiles() throws Exception {
    EvalOutcome out = EvalJob.run(request("gold", null, 2.0), null);
    assertThat(out.metrics().exStrict()).isEqualTo(1.0);
    assertThat(out.metrics().testSuite()).isEqualTo(1.0);
    assertThat(out.metrics().exactSet()).isEqualTo(1.0);
    assertThat(out.exitCode()).isZero();
    assertThat(out.runId()).matches("\\d{8}T\\d{6}Z-gold");
    Manifests.verify(out.runDir());
    List<String> lines = Files.readAllLines(out.runDir().resolve("results.jsonl"));
    assertThat(lines).hasSize(4);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("id").asText()).isEqualTo("c1");
    assertThat(first.get("error_class").isNull()).isTrue();
    assertThat(first.get("gold_rows").get(0).get(0).asLong()).isEqualTo(3);
    JsonNode s = new ObjectMapper().readTree(out.runDir().resolve("summary.json").toFile());
    assertThat(s.at("/metrics/n").asInt()).isEqualTo(4);
    assertThat(s.at("/by_category/attendance/ex_strict").asDouble()).isEqualTo(1.0);
    assertThat(s.at("/by_difficulty/easy/n").asInt()).isEqualTo(3);
    assertThat(s.at("/database/test_suite_seeds/0").asLong()).isEqualTo(43);
    assertThat(s.at("/latency_ms/execution/max").asDouble()).isPositive();
    assertThat(s.get("baseline").isNull()).isTrue();
    try (var c = DriverManager.getConnection("jdbc:duckdb:" + ws.resolve("evals/history.duckdb"));
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM results), (SELECT count(*) FROM run_breakdown)")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getInt(2)).isEqualTo(4);
      assertThat(rs.getInt(3)).isEqualTo(3 + 2); // 3 categories + 2 difficulties
    }
  }

  @Test
  void hardCodedAnswerPassesExButFailsTheTestSuite() throws Exception {
    Path pred = ws.resolve("pred.jsonl");
    Files.writeString(pred, """
        {"id":"c1","predicted_sql":"SELECT 3"}
        {"id":"c2","predicted_sql":"SELECT absence_count, student_id, 1 AS extra FROM attendance ORDER BY student_id"}
        {"id":"c3","predicted_sql":"SELECT student_id AS kid FROM attendance WHERE is_chronically_absent"}
        {"id":"c4","predicted_sql":"DROP TABLE grades"}
        """);
    EvalOutcome out = EvalJob.run(request("replay:" + pred, null, 2.0), null);
    var r = out.results();
    assertThat(r.get(0).exStrict()).isTrue();
    assertThat(r.get(0).testSuite()).isFalse();
    assertThat(r.get(1).exStrict()).isFalse();
    assertThat(r.get(1).exLenient()).isTrue();
    assertThat(r.get(2).exStrict()).isTrue();
    assertThat(r.get(2).goldSql()).startsWith("SELECT student_id");
    assertThat(r.get(2).testSuite()).isTrue();
    assertThat(r.get(3).errorClass()).isEqualTo(EvalError.UNSAFE);
  }

  @Test
  void regressionGateFailsWithExitCode4AndNamesNewFailures() throws Exception {
    EvalOutcome base = EvalJob.run(request("gold", null, 2.0), null);
    Path pred = ws.resolve("worse.jsonl");
    Files.writeString(pred, """
        {"id":"c1","predicted_sql":"SELECT COUNT(*) FROM students"}
        {"id":"c2","predicted_sql":"SELECT student_id FROM attendance"}
        {"id":"c3","predicted_sql":""}
        {"id":"c4","predicted_sql":"SELECT AVG(grade_numeric) FROM grades"}
        """);
    EvalOutcome worse = EvalJob.run(request("replay:" + pred, "last", 2.0), null);
    assertThat(worse.baseline().runId()).isEqualTo(base.runId());
    assertThat(worse.baseline().newlyFailing()).containsExactly("c2", "c3");
    assertThat(worse.baseline().deltaPoints()).isEqualTo(-50.0);
    assertThat(worse.exitCode()).isEqualTo(RegressionGate.EXIT_REGRESSION);
    assertThat(worse.results().get(2).errorClass()).isEqualTo(EvalError.NO_PREDICTION);
    EvalOutcome same = EvalJob.run(request("gold", base.runId(), 2.0), null);
    assertThat(same.exitCode()).isZero();
    assertThat(same.baseline().mcnemarP()).isEqualTo(1.0);
    assertThatThrownBy(() -> EvalJob.run(request("gold", "no-such-run", 2.0), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--baseline no-such-run");
  }

  @Test
  void unknownSchemeIsAClearError() {
    assertThatThrownBy(() -> EvalJob.run(request("tgi:" + ws.resolve("models/latest"), null, 2.0), null))
        .hasMessageContaining("no provider for scheme tgi");
  }
}
