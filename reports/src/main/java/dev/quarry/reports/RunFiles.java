package dev.quarry.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one evaluation run directory ({@code evals/<run-id>/}): {@code summary.json} and {@code results.jsonl}
 * in the format of the eval-job contract.
 */
public final class RunFiles {

  /** Per-question results file name. */
  public static final String RESULTS = "results.jsonl";
  /** Run summary file name. */
  public static final String SUMMARY = "summary.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a run directory holds.
   *
   * @param summary the parsed {@code summary.json}
   * @param results the questions, in bank order
   */
  public record RunData(JsonNode summary, List<QuestionResult> results) {}

  private RunFiles() {}

  /**
   * Reads a run directory.
   *
   * @throws IllegalStateException naming the file and line when a file is missing or malformed
   */
  public static RunData read(Path runDir) {
    Path summaryFile = runDir.resolve(SUMMARY);
    JsonNode summary;
    try {
      summary = JSON.readTree(summaryFile.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + summaryFile + ": " + e.getMessage(), e);
    }
    Path resultsFile = runDir.resolve(RESULTS);
    List<QuestionResult> results = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(resultsFile, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          results.add(parse(JSON.readTree(line)));
        } catch (IOException | RuntimeException e) {
          throw new IllegalStateException(resultsFile + " line " + lineNo + " is not a valid result: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + resultsFile + ": " + e.getMessage(), e);
    }
    return new RunData(summary, List.copyOf(results));
  }

  static QuestionResult parse(JsonNode n) {
    if (!n.hasNonNull("id")) {
      throw new IllegalArgumentException("missing field 'id'");
    }
    return new QuestionResult(
        n.get("id").asText(),
        text(n, "question"),
        text(n, "category"),
        text(n, "difficulty"),
        text(n, "gold_sql"),
        text(n, "predicted_sql"),
        n.path("ex_strict").asBoolean(false),
        n.path("ex_lenient").asBoolean(false),
        n.path("test_suite").asBoolean(false),
        n.hasNonNull("error_class") ? n.get("error_class").asText() : null,
        n.path("latency_ms").asDouble(Double.NaN),
        strings(n.path("gold_columns")),
        rows(n.path("gold_rows")),
        strings(n.path("predicted_columns")),
        rows(n.path("predicted_rows")),
        n.hasNonNull("message") ? n.get("message").asText() : null);
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : "";
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(v -> out.add(cell(v)));
    return out;
  }

  private static List<List<String>> rows(JsonNode arr) {
    List<List<String>> out = new ArrayList<>();
    arr.forEach(r -> out.add(strings(r)));
    return out;
  }

  private static String cell(JsonNode v) {
    return v == null || v.isNull() ? "NULL" : v.isValueNode() ? v.asText() : v.toString();
  }
}
