package dev.quarry.core.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat JSONL shard format, its one writer and one reader: one object per line in the {@code messages} form
 * that fine-tuning tools read directly (OpenAI fine-tuning format; LLaMA-Factory "sharegpt" formatting with
 * role/content tags; axolotl {@code chat_template} datasets),
 * <pre>{"messages":[{"role":"system","content":…},{"role":"user","content":question},{"role":"assistant","content":sql}]}</pre>
 * UTF-8, {@code \n} line ends.
 */
public final class ChatJsonl {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One NL→SQL pair of a shard.
   *
   * @param question the user message
   * @param sql the assistant message (the gold SQL)
   */
  public record Pair(String question, String sql) {}

  private ChatJsonl() {}

  /** Writes {@code pairs} in order to {@code file}, creating parent directories. */
  public static void write(Path file, String systemPrompt, List<Pair> pairs) throws IOException {
    Files.createDirectories(file.getParent());
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Pair p : pairs) {
        w.write(line(systemPrompt, p));
        w.write('\n');
      }
    }
  }

  /** One JSONL line (without the newline). */
  public static String line(String systemPrompt, Pair p) {
    StringWriter sw = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(sw)) {
      g.writeStartObject();
      g.writeArrayFieldStart("messages");
      message(g, "system", systemPrompt);
      message(g, "user", p.question());
      message(g, "assistant", p.sql());
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sw.toString();
  }

  /**
   * Reads one line.
   *
   * @throws IllegalArgumentException if it is not JSON or lacks the user or assistant message
   */
  public static Pair parse(String line) {
    JsonNode m;
    try {
      m = JSON.readTree(line).path("messages");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
    }
    String question = null;
    String sql = null;
    for (JsonNode msg : m) {
      switch (msg.path("role").asText()) {
        case "user" -> question = msg.path("content").asText(null);
        case "assistant" -> sql = msg.path("content").asText(null);
        default -> { }
      }
    }
    if (question == null || sql == null) {
      throw new IllegalArgumentException("no user and assistant message in 'messages'");
    }
    return new Pair(question, sql);
  }

  /**
   * Reads every pair of a shard in order; blank lines are skipped.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException naming the file and line of a malformed line
   */
  public static List<Pair> read(Path file) {
    List<Pair> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(parse(line));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + ":" + n + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return out;
  }

  private static void message(JsonGenerator g, String role, String content) throws IOException {
    g.writeStartObject();
    g.writeStringField("role", role);
    g.writeStringField("content", content);
    g.writeEndObject();
  }
}
