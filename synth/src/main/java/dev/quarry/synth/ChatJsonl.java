package dev.quarry.synth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes pairs as JSON Lines in the chat {@code messages} form that fine-tuning tools read directly
 * (OpenAI fine-tuning format; LLaMA-Factory "sharegpt" formatting with role/content tags; axolotl
 * {@code chat_template} datasets): one object per line,
 * <pre>{"messages":[{"role":"system","content":…},{"role":"user","content":question},{"role":"assistant","content":sql}]}</pre>
 */
public final class ChatJsonl {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatJsonl() {}

  /** Writes {@code pairs} in order to {@code file}, creating parent directories; UTF-8, {@code \n} line ends. */
  public static void write(Path file, String systemPrompt, List<SynthPair> pairs) throws IOException {
    Files.createDirectories(file.getParent());
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (SynthPair p : pairs) {
        w.write(line(systemPrompt, p));
        w.write('\n');
      }
    }
  }

  /** One JSONL line (without the newline). */
  public static String line(String systemPrompt, SynthPair p) throws IOException {
    java.io.StringWriter sw = new java.io.StringWriter();
    try (JsonGenerator g = JSON.createGenerator(sw)) {
      g.writeStartObject();
      g.writeArrayFieldStart("messages");
      message(g, "system", systemPrompt);
      message(g, "user", p.question());
      message(g, "assistant", p.sql());
      g.writeEndArray();
      g.writeEndObject();
    }
    return sw.toString();
  }

  private static void message(JsonGenerator g, String role, String content) throws IOException {
    g.writeStartObject();
    g.writeStringField("role", role);
    g.writeStringField("content", content);
    g.writeEndObject();
  }
}
