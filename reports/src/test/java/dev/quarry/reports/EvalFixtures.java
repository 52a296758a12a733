package dev.quarry.reports;

import dev.quarry.eval.run.HistoryDb;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.workspace.StageRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Writes fixture eval runs in the eval-job's contract format: {@code evals/<run-id>/} (results.jsonl,
 * summary.json, manifest.json via StageRunner) and rows in {@code evals/history.duckdb}.
 */
final class EvalFixtures {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One question outcome of a fixture run. */
  record Q(String id, String category, String difficulty, boolean exStrict, boolean testSuite, String errorClass) {}

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

  /** Writes {@code count} runs, one day apart, and returns their ids oldest first. */
  static List<String> writeRuns(Path workspace, int count) throws Exception {
    Path evals = workspace.resolve("evals");
    Files.createDirectories(evals);
    List<String> ids = new java.util.ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + evals.resolve(HistoryDb.FILE_NAME));
        Statement st = c.createStatement()) {
      for (String ddl : HistoryDb.DDL) {
        st.execute(ddl);
      }
      for (int i = 0; i < count; i++) {
        Instant started = Instant.parse("2026-11-0" + (i + 1) + "T02:00:00Z");
        String id = started.toString().replace("-", "").replace(":", "") + "-model" + i;
        id = id.replace(".", "");
        writeRun(c, evals, id, started, questions(i), i == 0 ? null : ids.get(i - 1));
        ids.add(id);
      }
    }
    return ids;
  }

  static double frac(List<Q> qs, java.util.function.Predicate<Q> p) {
    return qs.stream().filter(p).count() / (double) qs.size();
  }

  private static void writeRun(Connection c, Path evals, String id, Instant started, List<Q> qs, String baselineId)
      throws Exception {
    ObjectNode summary = JsonNodeFactory.instance.objectNode();
    summary.put("run_id", id);
    summary.put("started_at", started.toString());
    summary.put("finished_at", started.plusSeconds(60).toString());
    summary.putObject("model").put("spec", "replay:/fixture").put("id", "model");
    ObjectNode ec = summary.putObject("error_classes");
    qs.stream().filter(q -> q.errorClass() != null).forEach(q -> ec.put(q.errorClass(), ec.path(q.errorClass()).asInt() + 1));
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
    StringBuilder jsonl = new StringBuilder();
    for (Q q : qs) {
      ObjectNode r = JsonNodeFactory.instance.objectNode();
      r.put("id", q.id());
      r.put("question", "How many <script>alert(1)</script> students in " + q.category() + " (" + q.id() + ")?");
      r.put("category", q.category());
      r.put("difficulty", q.difficulty());
      r.put("gold_sql", "SELECT count(*) AS n FROM students WHERE grade = '" + q.id() + "'");
      r.put("predicted_sql", q.errorClass() != null && q.errorClass().equals("no_prediction") ? ""
          : "SELECT count(*) AS n FROM students WHERE grade <> '" + q.id() + "'");
      r.put("ex_strict", q.exStrict());
      r.put("ex_lenient", q.exStrict());
      r.put("test_suite", q.testSuite());
      r.put("exact_set", q.exStrict());
      r.put("valid_sql", !"parse_error".equals(q.errorClass()));
      if (q.errorClass() == null) {
        r.putNull("error_class");
      } else {
        r.put("error_class", q.errorClass());
      }
      r.put("latency_ms", 130.0).put("generation_ms", 125.0).put("execution_ms", 5.0);
      r.putArray("gold_columns").add("n");
      ArrayNode gr = r.putArray("gold_rows");
      gr.addArray().add(4217);
      r.putArray("predicted_columns").add("n");
      ArrayNode pr = r.putArray("predicted_rows");
      pr.addArray().add(q.exStrict() ? 4217 : 9999);
      pr.addArray().addNull();
      r.putNull("message");
      jsonl.append(JSON.writeValueAsString(r)).append('\n');
    }
    StageRunner.run(new StageRunner.StageRequest("eval", "fixture", Map.of("run", id), null, Map.of(), true),
        evals.resolve(id), tmp -> {
          Files.writeString(tmp.resolve("results.jsonl"), jsonl.toString(), StandardCharsets.UTF_8);
          Files.writeString(tmp.resolve("summary.json"), JSON.writeValueAsString(summary), StandardCharsets.UTF_8);
          return new StageRunner.StageOutput(JsonNodeFactory.instance.objectNode(), Map.of());
        });
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, id);
      ps.setTimestamp(2, Timestamp.valueOf(started.atOffset(ZoneOffset.UTC).toLocalDateTime()));
      ps.setTimestamp(3, Timestamp.valueOf(started.plusSeconds(60).atOffset(ZoneOffset.UTC).toLocalDateTime()));
      ps.setString(4, "replay:/fixture");
      ps.setString(5, "model");
      ps.setString(6, "abc123");
      ps.setInt(7, qs.size());
      ps.setDouble(8, frac(qs, Q::exStrict));
      ps.setDouble(9, frac(qs, Q::exStrict));
      ps.setDouble(10, frac(qs, Q::testSuite));
      ps.setDouble(11, frac(qs, Q::exStrict));
      ps.setDouble(12, frac(qs, q -> !"parse_error".equals(q.errorClass())));
      ps.setString(13, "evals/" + id);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_breakdown VALUES (?,?,?,?,?,?,?)")) {
      for (String scope : List.of("category", "difficulty")) {
        Map<String, List<Q>> groups = new java.util.TreeMap<>();
        for (Q q : qs) {
          groups.computeIfAbsent(scope.equals("category") ? q.category() : q.difficulty(), k -> new java.util.ArrayList<>()).add(q);
        }
        for (var g : groups.entrySet()) {
          ps.setString(1, id);
          ps.setString(2, scope);
          ps.setString(3, g.getKey());
          ps.setInt(4, g.getValue().size());
          ps.setDouble(5, frac(g.getValue(), Q::exStrict));
          ps.setDouble(6, frac(g.getValue(), Q::exStrict));
          ps.setDouble(7, frac(g.getValue(), Q::testSuite));
          ps.executeUpdate();
        }
      }
    }
    c.commit();
    c.setAutoCommit(true);
  }
}
