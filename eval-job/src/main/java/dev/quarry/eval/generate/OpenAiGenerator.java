package dev.quarry.eval.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.domain.SchemaPrompt;
import dev.quarry.core.model.Generation;
import dev.quarry.core.model.GeneratorContext;
import dev.quarry.core.model.SqlCandidate;
import dev.quarry.core.model.SqlGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;

/**
 * A {@link SqlGenerator} backed by an OpenAI-compatible chat-completions server (llama.cpp server, vLLM,
 * Ollama, OpenAI): {@code POST <base>/chat/completions} with {@code {model, messages: [system, user],
 * temperature: 0}} (OpenAI API reference, "Create chat completion"); the system message is
 * {@link SchemaPrompt#render} (the schema), the user message the question. {@code base} is the API root,
 * e.g. {@code http://localhost:8080/v1}; a base already ending in {@code /chat/completions} is used as is.
 *
 * <p>Failures never throw: a request that times out, fails with I/O, or answers 429/5xx is retried up to
 * {@code retries} times with exponential back-off (250 ms, 500 ms, …); other HTTP errors, exhausted retries
 * and answers without SQL give an empty {@link Generation}, and {@link #lastError()} says why.
 */
public final class OpenAiGenerator implements SqlGenerator {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final GeneratorContext context;
  private final String systemPrompt;
  private final HttpClient client;
  private String lastError;

  /**
   * @param baseUrl API root (http or https)
   * @param context domain, model name, API key, timeout, retries
   * @throws IllegalArgumentException if the URL is not http(s) or no model name is given
   */
  public OpenAiGenerator(String baseUrl, GeneratorContext context) {
    String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    if (!b.startsWith("http://") && !b.startsWith("https://")) {
      throw new IllegalArgumentException("--model openai:<base url> needs an http(s) URL, got '" + baseUrl + "'");
    }
    if (context.modelName() == null || context.modelName().isBlank()) {
      throw new IllegalArgumentException("--model openai:... needs --model-name (the server's model name)");
    }
    this.endpoint = URI.create(b.endsWith("/chat/completions") ? b : b + "/chat/completions");
    this.context = context;
    this.systemPrompt = SchemaPrompt.render(context.domain());
    this.client = HttpClient.newBuilder().connectTimeout(context.timeout()).version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public String modelId() {
    return "openai-" + context.modelName();
  }

  /** Why the last {@link #generate} gave no SQL, or null when it gave some. */
  public String lastError() {
    return lastError;
  }

  @Override
  public Generation generate(String question) {
    long t0 = System.nanoTime();
    lastError = null;
    String sql = "";
    try {
      String answer = ask(question);
      if (answer != null) {
        sql = SqlExtractor.extract(answer);
        if (sql.isEmpty()) {
          lastError = "malformed answer (no SQL): " + abbreviate(answer);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lastError = "interrupted";
    }
    long micros = (System.nanoTime() - t0) / 1000;
    return new Generation(sql.isEmpty() ? List.of() : List.of(new SqlCandidate(sql, 0.0)), micros);
  }

  /** The answer's content, or null with {@link #lastError} set. */
  private String ask(String question) throws InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", context.modelName());
    body.put("temperature", 0);
    ArrayNode msgs = body.putArray("messages");
    msgs.addObject().put("role", "system").put("content", systemPrompt);
    msgs.addObject().put("role", "user").put("content", question);
    HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint).timeout(context.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (context.apiKey() != null && !context.apiKey().isBlank()) {
      rb.header("Authorization", "Bearer " + context.apiKey());
    }
    HttpRequest req = rb.build();
    for (int attempt = 0; ; attempt++) {
      String problem;
      try {
        HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
        int code = resp.statusCode();
        if (code == 200) {
          return content(resp.body());
        }
        problem = "HTTP " + code + ": " + abbreviate(resp.body());
        if (code != 429 && code < 500) {
          lastError = problem;
          return null;
        }
      } catch (HttpTimeoutException e) {
        problem = "timeout after " + context.timeout().toMillis() + " ms";
      } catch (IOException e) {
        problem = "I/O error: " + e.getMessage();
      }
      if (attempt >= context.retries()) {
        lastError = problem + " (after " + (attempt + 1) + " attempts)";
        return null;
      }
      Thread.sleep(250L << Math.min(attempt, 5));
    }
  }

  private String content(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      JsonNode c = n.path("choices").path(0).path("message").path("content");
      if (!c.isTextual()) {
        lastError = "malformed response (no choices[0].message.content): " + abbreviate(body);
        return null;
      }
      return c.asText();
    } catch (IOException e) {
      lastError = "malformed response (not JSON): " + abbreviate(body);
      return null;
    }
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }
}
