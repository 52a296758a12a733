package dev.quarry.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.workspace.StageRunner;
import dev.quarry.eval.results.EvalError;
import dev.quarry.eval.results.HistoryDb;
import dev.quarry.eval.results.Metrics;
import dev.quarry.eval.results.QuestionResult;
import dev.quarry.eval.results.ResultsJsonl;
import dev.quarry.eval.results.RunFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes fixture eval runs through the eval-job's owner of the run files and the history: {@code evals/<run-id>/}
 * (results.jsonl by {@link ResultsJsonl}, a summary.json, manifest.json via StageRunner) and rows appended by
 * {@link HistoryDb#append}.
 */
final class EvalFixtures {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The bank of {@link #writeRuns(Path, int)}. */
  static final String BANK = "abc123";

  /** One question outcome of a fixture run. */
  record Q(String id, String category, String difficulty, boolean exStrict, boolean testSuite, String errorClass) {}

  /**
   * One fixture run to write.
   *
   * @param day day of November 2026 it started on (02:00 UTC)
   * @param modelId model id
   * @param bankSha256 the bank's hash
   * @param questions its outcomes
   */
  record Run(int day, String modelId, String bankSha256, List<Q> questions) {}

  private EvalFixtures() {}

  /** The i-th fixture run's questions: 8 questions, 2 categories; run i passes more as i grows. */
  static List<Q> questions(int i) {
    return List.of(
        new Q("q1", "attendance", "easy", true, true, null),
        new Q("q2", "attendance", "medium", i >= 1, i >= 1, i >= 1 ? null : "wrong_result"),
        new Q("q3", "attendance", "hard", false, false, "parse_error"),
        new Q("q4", "grades", "easy", true, true, null),
        new Q("q5", "grades", "medium", true, i >= 2, i >= 2 ? null : "wrong_result"),
        new Q("q6", "grades", "hard", i >= 2, i >= 2, i >= 2 ? null : "unknown_column"),
        new Q("q7", "grades", "extra", false, false, "no_prediction"),
        new Q("q8", "grades", "easy", true, true, null));
  }

  /** Writes {@code count} runs of one model on {@link #BANK}, one day apart; returns their ids oldest first. */
  static List<String> writeRuns(Path workspace, int count) throws Exception {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      runs.add(new Run(i + 1, "model", BANK, questions(i)));
    }
    return writeRuns(workspace, runs);
  }

  /** Writes {@code runs} in order (each run's baseline is the run before it); returns their ids. */
  static List<String> writeRuns(Path workspace, List<Run> runs) throws Exception {
    Path evals = RunFiles.evalsDir(workspace);
    Files.createDirectories(evals);
    HistoryDb history = HistoryDb.inWorkspace(workspace);
    List<String> ids = new ArrayList<>();
    for (Run run : runs) {
      Instant started = Instant.parse(String.format("2026-11-%02dT02:00:00Z", run.day()));
      String id = started.toString().replace("-", "").replace(":", "").replace(".", "") + "-" + run.modelId();
      List<QuestionResult> results = run.questions().stream().map(EvalFixtures::result).toList();
      writeRunDir(evals, id, started, run.modelId(), results, ids.isEmpty() ? null : ids.get(ids.size() - 1));
      history.append(new HistoryDb.RunRow(id, started, started.plusSeconds(60), "replay:/fixture", run.modelId(),
          run.bankSha256(), Metrics.of(results), RunFiles.EVALS_DIR + "/" + id),
          group(results, QuestionResult::category), group(results, QuestionResult::difficulty), results);
      ids.add(id);
    }
    return ids;
  }

  static double frac(List<Q> qs, java.util.function.Predicate<Q> p) {
    return qs.stream().filter(p).count() / (double) qs.size();
  }

  private static Map<String, Metrics> group(List<QuestionResult> rs, Function<QuestionResult, String> key) {
    Map<String, List<QuestionResult>> g = new TreeMap<>();
    rs.forEach(r -> g.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
    Map<String, Metrics> out = new TreeMap<>();
    g.forEach((k, v) -> out.put(k, Metrics.of(v)));
    return out;
  }

  private static QuestionResult result(Q q) {
    return new QuestionResult(q.id(), "How many <script>alert(1)</script> students in " + q.category() + " ("
        + q.id() + ")?", q.category(), q.difficulty(), "SELECT count(*) AS n FROM students WHERE grade = '" + q.id()
        + "'", "no_prediction".equals(q.errorClass()) ? ""
        : "SELECT count(*) AS n FROM students WHERE grade <> '" + q.id() + "'", q.exStrict(), q.exStrict(),
        q.testSuite(), q.exStrict(), !"parse_error".equals(q.errorClass()),
        q.errorClass() == null ? null : EvalError.ofId(q.errorClass()), 125.0, 5.0, List.of("n"),
        List.of(List.of(4217L)), List.of("n"), List.of(List.of(q.exStrict() ? 4217L : 9999L), Arrays.asList((Object) null)),
        null);
  }

  private static void writeRunDir(Path evals, String id, Instant started, String modelId, List<QuestionResult> qs,
      String baselineId) {
    ObjectNode summary = JsonNodeFactory.instance.objectNode();
    summary.put("run_id", id);
    summary.put("started_at", started.toString());
    summary.put("finished_at", started.plusSeconds(60).toString());
    summary.putObject("model").put("spec", "replay:/fixture").put("id", modelId);
    ObjectNode ec = summary.putObject("error_classes");
    qs.stream().filter(q -> q.errorClass() != null).map(q -> q.errorClass().id())
        .forEach(c -> ec.put(c, ec.path(c).asInt() + 1));
    ObjectNode lat = summary.putObject("latency_ms");
    lat.putObject("generation").put("p50", 120.0).put("p95", 300.0).put("max", 410.0);
    lat.putObject("execution").put("p50", 3.0).put("p95", 9.0).put("max", 12.0);
    if (baselineId == null) {
      summary.putNull("baseline");
    } else {
      ObjectNode b = summary.putObject("baseline");
      b.put("run_id", baselineId).put("gate", "pass").put("delta_points", 12.5).put("mcnemar_p", 0.5)
          .put("ex_strict_before", 0.5).put("ex_strict_after", 0.625).put("max_drop", 2.0);
      b.putArray("newly_failing");
      b.putArray("newly_passing").add("q2");
    }
    StageRunner.run(new StageRunner.StageRequest("eval", "fixture", Map.of("run", id), null, Map.of(), true),
        evals.resolve(id), tmp -> {
          ResultsJsonl.write(tmp.resolve(ResultsJsonl.FILE_NAME), qs);
          Files.writeString(tmp.resolve(RunFiles.SUMMARY), JSON.writeValueAsString(summary), StandardCharsets.UTF_8);
          return new StageRunner.StageOutput(JsonNodeFactory.instance.objectNode(), Map.of());
        });
  }
}
