package dev.quarry.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.core.compare.ResultComparator;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.eval.TinySeed;
import dev.quarry.eval.bank.BankQuestion;
import dev.quarry.eval.bank.QueryBank;
import dev.quarry.eval.generate.Prediction;
import dev.quarry.eval.generate.Predictor;
import dev.quarry.eval.results.EvalError;
import dev.quarry.eval.results.QuestionResult;
import dev.quarry.eval.results.ResultsJsonl;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's run-aborting predictions (deep expressions, a megabyte of SQL, a lone surrogate, a predictor
 * that throws, a huge result cell) each become that question's error class, and results.jsonl is valid,
 * bounded UTF-8.
 */
class OneBadAnswerTest {

  @TempDir static Path tmp;
  static SqlSandbox sandbox;

  @BeforeAll
  static void open() {
    Path seed = TinySeed.create(tmp.resolve("seed"), 0);
    sandbox = SqlSandbox.open(DomainLoader.load("education"), seed,
        SandboxSettings.defaults().withTimeout(Duration.ofSeconds(2)));
  }

  @AfterAll
  static void close() {
    sandbox.close();
  }

  private static String plusChain(int terms) {
    StringBuilder b = new StringBuilder("SELECT 1");
    for (int i = 1; i < terms; i++) {
      b.append("+1");
    }
    return b.append(" FROM students").toString();
  }

  @Test
  void everyBadAnswerIsOneQuestionsErrorAndResultsAreValidUtf8() throws Exception {
    Map<String, String> sqlById = new java.util.LinkedHashMap<>();
    sqlById.put("plus", plusChain(2_200));
    sqlById.put("and", "SELECT COUNT(*) FROM students WHERE 1=1" + " AND 1=1".repeat(2_490));
    sqlById.put("mega", plusChain(500_000));
    sqlById.put("surrogate", "SELECT '\udc80' AS x FROM students");
    sqlById.put("throws", null);
    sqlById.put("bigcell", "SELECT lpad('z', 30000, 'y') AS s FROM students LIMIT 1");
    sqlById.put("good", "SELECT COUNT(*) FROM students");
    List<BankQuestion> qs = new ArrayList<>();
    for (String id : sqlById.keySet()) {
      qs.add(new BankQuestion(id, "q " + id, List.of("SELECT COUNT(*) FROM students"), "c", "easy", null));
    }
    Predictor predictor = new Predictor() {
      @Override
      public String modelId() {
        return "hostile";
      }

      @Override
      public Prediction predict(BankQuestion q) {
        String sql = sqlById.get(q.id());
        if (sql == null) {
          throw new StackOverflowError("simulated");
        }
        return new Prediction(sql, 0, null);
      }
    };
    List<QuestionResult> rs = new EvalRunner(sandbox, List.of(), ResultComparator.defaults())
        .run(new QueryBank("t", "0", qs), predictor, null);
    Map<String, QuestionResult> byId = new java.util.HashMap<>();
    rs.forEach(r -> byId.put(r.id(), r));
    assertThat(byId.get("plus").errorClass()).isEqualTo(EvalError.TOO_COMPLEX);
    assertThat(byId.get("plus").message()).contains("operators");
    assertThat(byId.get("and").errorClass()).isEqualTo(EvalError.TOO_COMPLEX);
    assertThat(byId.get("mega").errorClass()).isEqualTo(EvalError.TOO_COMPLEX);
    assertThat(byId.get("mega").message()).contains("characters");
    assertThat(byId.get("surrogate").predictedSql()).contains("\ufffd");
    assertThat(byId.get("surrogate").errorClass()).isEqualTo(EvalError.WRONG_RESULT);
    assertThat(byId.get("throws").errorClass()).isEqualTo(EvalError.NO_PREDICTION);
    assertThat(byId.get("throws").message()).contains("predictor failed on throws").contains("StackOverflowError");
    assertThat(byId.get("bigcell").validSql()).as(byId.get("bigcell").message()).isTrue();
    assertThat((String) byId.get("bigcell").predictedRows().get(0).get(0))
        .hasSizeLessThan(SqlSandbox.MAX_CELL_CHARS + 200).contains("…[truncated: 30000 chars, sha256 ");
    assertThat(byId.get("good").exStrict()).isTrue();

    // a lone surrogate that reaches the writer anyway (e.g. in a question) is replaced, not fatal
    List<QuestionResult> withRaw = new ArrayList<>(rs);
    QuestionResult g = byId.get("good");
    withRaw.add(new QuestionResult("raw", "why \udc80?", "c", "easy", g.goldSql(), "SELECT '\ud800'", false, false,
        false, false, false, EvalError.WRONG_RESULT, 0, 0, List.of("x"), List.of(List.of("y".repeat(5_000))), List.of(),
        List.of(), "m\udc80"));
    Path file = tmp.resolve("results.jsonl");
    ResultsJsonl.write(file, withRaw);
    byte[] bytes = Files.readAllBytes(file);
    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)); // throws if invalid
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(withRaw.size());
    JsonNode raw = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(raw.get("question").asText()).isEqualTo("why \ufffd?");
    assertThat(raw.at("/gold_rows/0/0").asText()).contains("…[truncated: 5000 chars");
    assertThat(bytes.length).isLessThan(200_000); // the 1 MB prediction is truncated in the file
  }
}
