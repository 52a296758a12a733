package dev.quarry.eval.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.text.Utf8Lines;
import dev.quarry.core.workspace.Sha256;
import dev.quarry.eval.bank.BankQuestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays predictions made elsewhere: a JSONL file with one object per line holding {@code id} (or, failing
 * that, {@code question}) and {@code predicted_sql} (or {@code sql}), optionally {@code generation_ms}. An
 * eval run's own {@code results.jsonl} qualifies. Questions without a line get an empty prediction.
 *
 * <p>The file is model output, so one bad line costs one question, not the run: a line whose bytes are not valid
 * UTF-8 but whose id can still be read gives that question an empty prediction whose message names the file,
 * the line and the byte (scored {@code no_prediction}), with a warning on stderr. Lines that are not JSON, or
 * lack the id and the SQL, are a clear error naming the file and line.
 */
public final class ReplayPredictor implements Predictor {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Field added in memory to a line whose bytes were not valid UTF-8: the message of its empty prediction. */
  private static final String UNREADABLE = "\u0000unreadable";

  private final String id;
  private final String sha;
  private final Map<String, JsonNode> byId;
  private final Map<String, JsonNode> byQuestion;

  private ReplayPredictor(String id, String sha, Map<String, JsonNode> byId, Map<String, JsonNode> byQuestion) {
    this.id = id;
    this.sha = sha;
    this.byId = byId;
    this.byQuestion = byQuestion;
  }

  /**
   * Loads a predictions file.
   *
   * @param file JSONL predictions
   * @return the predictor (model id {@code replay-<file name without extension>})
   * @throws IllegalArgumentException naming the file and line when missing or malformed
   */
  public static ReplayPredictor load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--model replay: predictions file not found: " + file.toAbsolutePath());
    }
    Map<String, JsonNode> byId = new HashMap<>();
    Map<String, JsonNode> byQ = new HashMap<>();
    List<Utf8Lines.Line> lines;
    try {
      lines = Utf8Lines.split(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read predictions " + file + ": " + e.getMessage(), e);
    }
    for (Utf8Lines.Line l : lines) {
      int i = l.number() - 1;
      String line = l.text().strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": not JSON"
            + (l.valid() ? "" : " (" + l.problem() + ")") + ": " + e.getMessage(), e);
      }
      if (!n.has("predicted_sql") && !n.has("sql")) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": needs predicted_sql (or sql)");
      }
      if (!l.valid() && n.isObject()) {
        String problem = "predictions file " + file + " line " + (i + 1) + ": " + l.problem()
            + "; this prediction is not scored";
        System.err.println("quarry: warning: " + problem);
        ObjectNode bad = ((ObjectNode) n).deepCopy();
        bad.putNull("predicted_sql");
        bad.remove("sql");
        bad.put(UNREADABLE, problem);
        n = bad;
      }
      if (n.hasNonNull("id")) {
        byId.put(n.get("id").asText(), n);
      } else if (n.hasNonNull("question")) {
        byQ.put(n.get("question").asText(), n);
      } else {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": needs id or question");
      }
    }
    String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    return new ReplayPredictor("replay-" + name, Sha256.ofFile(file), byId, byQ);
  }

  @Override
  public String modelId() {
    return id;
  }

  /** SHA-256 of the predictions file. */
  @Override
  public String sourceSha256() {
    return sha;
  }

  @Override
  public Prediction predict(BankQuestion q) {
    JsonNode n = byId.get(q.id());
    if (n == null) {
      n = byQuestion.get(q.question());
    }
    if (n == null) {
      return new Prediction("", 0.0, "no replayed prediction for " + q.id());
    }
    if (n.has(UNREADABLE)) {
      return new Prediction("", 0.0, n.get(UNREADABLE).asText());
    }
    JsonNode sql = n.has("predicted_sql") ? n.get("predicted_sql") : n.get("sql");
    return new Prediction(sql.isNull() ? "" : sql.asText(), n.path("generation_ms").asDouble(0.0), null);
  }
}
