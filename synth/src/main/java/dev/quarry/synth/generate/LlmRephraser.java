package dev.quarry.synth.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Optional rephraser that asks an OpenAI-compatible chat-completions endpoint for paraphrases and keeps
 * only those that still express every literal of the SQL ({@link LiteralCheck}).
 *
 * <p>It is built only from a configured {@link LlmEndpoint}; nothing else in generation touches the
 * network. Network errors, timeouts, HTTP 429/5xx are retried up to {@link LlmEndpoint#maxRetries()}
 * times with a short backoff; other HTTP errors, malformed JSON and answers without usable lines yield an
 * empty list. The HTTP client is created lazily and not serialized. The request format follows the
 * OpenAI Chat Completions API ({@code model}, {@code messages}, {@code temperature};
 * answer in {@code choices[0].message.content}).
 */
public final class LlmRephraser implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong REQUESTS_SENT = new AtomicLong();

  static final String SYSTEM_PROMPT = "You rephrase questions about a database for a text-to-SQL dataset. "
      + "Write each rephrasing on its own line, with no numbering and no commentary. Keep the exact meaning: "
      + "keep every filter, grouping, ordering, limit and every listed value, written as given.";

  private final LlmEndpoint endpoint;
  private final Function<String, String> env;
  private final LiteralCheck check = new LiteralCheck();
  private transient HttpClient client;
  private final AtomicLong failures = new AtomicLong();

  /** A rephraser reading the API key from the process environment. */
  public LlmRephraser(LlmEndpoint endpoint) {
    this(endpoint, (Function<String, String> & Serializable) System::getenv);
  }

  /** A rephraser reading the API key through {@code env} (tests). */
  public LlmRephraser(LlmEndpoint endpoint, Function<String, String> env) {
    this.endpoint = endpoint;
    this.env = env;
  }

  /** Number of HTTP requests sent by all instances in this JVM. */
  public static long requestsSent() {
    return REQUESTS_SENT.get();
  }

  /** Calls that ended without a usable answer (errors, bad JSON, exhausted retries). */
  public long failures() {
    return failures.get();
  }

  /**
   * Asks for up to {@code max} rephrasings of {@code question}.
   *
   * @param literals literals each rephrasing must still express; the prompt lists their first phrases
   * @return 0..max accepted rephrasings, distinct from the question and each other; never throws for
   *     network or format problems
   */
  public List<String> rephrase(String question, List<LiteralPhrases> literals, int max) {
    String content;
    try {
      content = call(prompt(question, literals, max));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.incrementAndGet();
      return List.of();
    }
    if (content == null) {
      failures.incrementAndGet();
      return List.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    String self = QuestionRealizer.normalize(question);
    for (String line : content.split("\\R")) {
      String q = clean(line);
      String key = QuestionRealizer.normalize(q);
      if (!q.isEmpty() && out.size() < max && !key.equals(self) && check.allExpressed(q, literals)) {
        out.putIfAbsent(key, q);
      }
    }
    return new ArrayList<>(out.values());
  }

  static String prompt(String question, List<LiteralPhrases> literals, int max) {
    StringBuilder sb = new StringBuilder("Question: ").append(question).append('\n');
    if (!literals.isEmpty()) {
      sb.append("Values that must appear: ");
      List<String> vals = new ArrayList<>();
      literals.forEach(l -> vals.add("\"" + l.phrases().get(0) + "\""));
      sb.append(String.join(", ", vals)).append('\n');
    }
    return sb.append("Give ").append(max).append(" different rephrasings.").toString();
  }

  /** Strips numbering, bullets and surrounding quotes. */
  static String clean(String line) {
    String s = line.trim().replaceFirst("^(\\d+[.)]|[-*•])\\s*", "").trim();
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      s = s.substring(1, s.length() - 1).trim();
    }
    return s;
  }

  /** Returns the answer text, or null when no usable answer came back. */
  private String call(String user) throws InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", endpoint.model());
    body.put("temperature", endpoint.temperature());
    ArrayNode msgs = body.putArray("messages");
    msgs.addObject().put("role", "system").put("content", SYSTEM_PROMPT);
    msgs.addObject().put("role", "user").put("content", user);
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/chat/completions"))
        .timeout(endpoint.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    String key = endpoint.apiKeyEnv() == null ? null : env.apply(endpoint.apiKeyEnv());
    if (key != null && !key.isBlank()) {
      req.header("Authorization", "Bearer " + key);
    }
    HttpRequest request = req.build();
    for (int attempt = 0; attempt <= endpoint.maxRetries(); attempt++) {
      if (attempt > 0) {
        Thread.sleep(Math.min(2000L, 100L << attempt));
      }
      try {
        REQUESTS_SENT.incrementAndGet();
        HttpResponse<String> resp = client().send(request, HttpResponse.BodyHandlers.ofString());
        int code = resp.statusCode();
        if (code == 429 || code >= 500) {
          continue;
        }
        if (code != 200) {
          return null;
        }
        JsonNode content = JSON.readTree(resp.body()).path("choices").path(0).path("message").path("content");
        return content.isTextual() ? content.asText() : null;
      } catch (IOException e) {
        // Network error, timeout or malformed JSON: retry network problems, give up on bad JSON.
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
          return null;
        }
      }
    }
    return null;
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder().connectTimeout(endpoint.timeout()).build();
    }
    return client;
  }
}
