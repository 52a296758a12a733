package dev.quarry.eval.results;

import dev.quarry.core.sql.FailureClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.sql.FailureClass;
import dev.quarry.core.text.SafeText;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads {@code results.jsonl}: one object per question in bank order (field list in eval-formats),
 * the JSON form of {@link QuestionResult}.
 *
 * <p>The file is always valid UTF-8 and bounded: every string is made well-formed ({@link SafeText#wellFormed},
 * lone surrogates become U+FFFD), SQL texts and messages longer than {@value #MAX_TEXT_CHARS} characters and
 * result cells longer than {@value #MAX_CELL_CHARS} are truncated with a marker giving the full length and
 * SHA-256 ({@link SafeText#bounded}); the rows written are those the result holds (the eval-job keeps the first
 * 20).
 */
public final class ResultsJsonl {

  /** File name in the run directory. */
  public static final String FILE_NAME = "results.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Longest SQL text or message written whole, characters (longer SQL is refused before it runs anyway). */
  public static final int MAX_TEXT_CHARS = 65_536;

  /** Longest result cell written whole, characters. */
  public static final int MAX_CELL_CHARS = 1_024;

  private ResultsJsonl() {}

  /**
   * Writes the results.
   *
   * @param file target file
   * @param results per-question results
   * @throws IOException on write failure, naming the file and the question
   */
  public static void write(Path file, List<QuestionResult> results) throws IOException {
    // OutputStreamWriter replaces (never rejects) unmappable input; toJson already made every string well-formed.
    try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
      for (QuestionResult r : results) {
        try {
          w.write(JSON.writeValueAsString(toJson(r)));
        } catch (IOException e) {
          throw new IOException("Cannot write " + file + " (question " + r.id() + "): " + e.getMessage(), e);
        }
        w.write('\n');
      }
    }
  }

  private static String text(String s) {
    return SafeText.bounded(s, MAX_TEXT_CHARS, MAX_TEXT_CHARS);
  }

  /** The JSON object of one result. */
  public static ObjectNode toJson(QuestionResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", text(r.id()));
    o.put("question", text(r.question()));
    o.put("category", text(r.category()));
    o.put("difficulty", text(r.difficulty()));
    o.put("gold_sql", text(r.goldSql()));
    o.put("predicted_sql", text(r.predictedSql()));
    o.put("ex_strict", r.exStrict());
    o.put("ex_lenient", r.exLenient());
    o.put("test_suite", r.testSuite());
    o.put("exact_set", r.exactSet());
    o.put("valid_sql", r.validSql());
    o.put("error_class", r.errorClass() == null ? null : r.errorClass().id());
    o.put("failure_class", r.failureClass() == null ? null : r.failureClass().key());
    o.put("latency_ms", round(r.latencyMs()));
    o.put("generation_ms", round(r.generationMs()));
    o.put("execution_ms", round(r.executionMs()));
    ArrayNode gc = o.putArray("gold_columns");
    r.goldColumns().forEach(c -> gc.add(SafeText.bounded(c, MAX_CELL_CHARS, MAX_CELL_CHARS)));
    o.set("gold_rows", rows(r.goldRows()));
    ArrayNode pc = o.putArray("predicted_columns");
    r.predictedColumns().forEach(c -> pc.add(SafeText.bounded(c, MAX_CELL_CHARS, MAX_CELL_CHARS)));
    o.set("predicted_rows", rows(r.predictedRows()));
    o.put("message", text(r.message()));
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
          x.add(SafeText.bounded(v.toString(), MAX_CELL_CHARS, MAX_CELL_CHARS));
        }
      }
    }
    return a;
  }

  /**
   * Reads the file back.
   *
   * @return the results in file order
   * @throws IllegalStateException naming the file and line when it is missing or a line is not a result
   */
  public static List<QuestionResult> read(Path file) {
    List<QuestionResult> results = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          results.add(fromJson(JSON.readTree(line)));
        } catch (IOException | RuntimeException e) {
          throw new IllegalStateException(file + " line " + lineNo + " is not a valid result: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return List.copyOf(results);
  }

  /**
   * The result of one line (the inverse of {@link #toJson}); absent texts read as "", absent flags as false; the
   * failure class as written (the SQL texts may have been cut to their bounded length), classified again only when
   * the line has none.
   *
   * @throws IllegalArgumentException when the line has no {@code id}
   */
  static QuestionResult fromJson(JsonNode n) {
    if (!n.hasNonNull("id")) {
      throw new IllegalArgumentException("missing field 'id'");
    }
    QuestionResult r = new QuestionResult(n.get("id").asText(), text(n, "question"), text(n, "category"),
        text(n, "difficulty"), text(n, "gold_sql"), text(n, "predicted_sql"), n.path("ex_strict").asBoolean(false),
        n.path("ex_lenient").asBoolean(false), n.path("test_suite").asBoolean(false),
        n.path("exact_set").asBoolean(false), n.path("valid_sql").asBoolean(false),
        n.hasNonNull("error_class") ? EvalError.ofId(n.get("error_class").asText()) : null,
        n.path("generation_ms").asDouble(Double.NaN), n.path("execution_ms").asDouble(Double.NaN),
        strings(n.path("gold_columns")), rows(n.path("gold_rows")), strings(n.path("predicted_columns")),
        rows(n.path("predicted_rows")), n.hasNonNull("message") ? n.get("message").asText() : null,
        n.hasNonNull("failure_class") ? FailureClass.ofKey(n.get("failure_class").asText()) : null);
    if (!r.exStrict() && r.failureClass() == null) { // a file written before failure classes: classify now
      return new QuestionResult(r.id(), r.question(), r.category(), r.difficulty(), r.goldSql(), r.predictedSql(),
          false, r.exLenient(), r.testSuite(), r.exactSet(), r.validSql(), r.errorClass(), r.generationMs(),
          r.executionMs(), r.goldColumns(), r.goldRows(), r.predictedColumns(), r.predictedRows(), r.message());
    }
    return r;
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : "";
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static List<List<Object>> rows(JsonNode arr) {
    List<List<Object>> out = new ArrayList<>();
    for (JsonNode row : arr) {
      List<Object> cells = new ArrayList<>();
      row.forEach(v -> cells.add(cell(v)));
      out.add(cells);
    }
    return out;
  }

  /** A cell as {@link #rows(List)} wrote it: null, Boolean, Long, Double or String. */
  private static Object cell(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  /** Rounds milliseconds to 3 decimals, as written in the run files. */
  public static double round(double ms) {
    return Math.round(ms * 1000.0) / 1000.0;
  }
}
