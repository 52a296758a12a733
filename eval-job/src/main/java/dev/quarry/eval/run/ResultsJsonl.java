package dev.quarry.eval.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes {@code results.jsonl}: one object per question in bank order (field list in eval-formats). */
public final class ResultsJsonl {

  /** File name in the run directory. */
  public static final String FILE_NAME = "results.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultsJsonl() {}

  /**
   * Writes the results.
   *
   * @param file target file
   * @param results per-question results
   * @throws IOException on write failure
   */
  public static void write(Path file, List<QuestionResult> results) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (QuestionResult r : results) {
        w.write(JSON.writeValueAsString(toJson(r)));
        w.write('\n');
      }
    }
  }

  /** The JSON object of one result. */
  public static ObjectNode toJson(QuestionResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", r.id());
    o.put("question", r.question());
    o.put("category", r.category());
    o.put("difficulty", r.difficulty());
    o.put("gold_sql", r.goldSql());
    o.put("predicted_sql", r.predictedSql());
    o.put("ex_strict", r.exStrict());
    o.put("ex_lenient", r.exLenient());
    o.put("test_suite", r.testSuite());
    o.put("exact_set", r.exactSet());
    o.put("valid_sql", r.validSql());
    o.put("error_class", r.errorClass());
    o.put("latency_ms", round(r.latencyMs()));
    o.put("generation_ms", round(r.generationMs()));
    o.put("execution_ms", round(r.executionMs()));
    ArrayNode gc = o.putArray("gold_columns");
    r.goldColumns().forEach(gc::add);
    o.set("gold_rows", rows(r.goldRows()));
    ArrayNode pc = o.putArray("predicted_columns");
    r.predictedColumns().forEach(pc::add);
    o.set("predicted_rows", rows(r.predictedRows()));
    o.put("message", r.message());
    return o;
  }

  private static ArrayNode rows(List<List<Object>> rows) {
    ArrayNode a = JSON.createArrayNode();
    for (List<Object> row : rows) {
      ArrayNode x = a.addArray();
      for (Object v : row) {
        if (v == null) {
          x.addNull();
        } else if (v instanceof Boolean b) {
          x.add(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short) {
          x.add(((Number) v).longValue());
        } else if (v instanceof Number n) {
          x.add(n.doubleValue());
        } else {
          x.add(v.toString());
        }
      }
    }
    return a;
  }

  static double round(double ms) {
    return Math.round(ms * 1000.0) / 1000.0;
  }
}
