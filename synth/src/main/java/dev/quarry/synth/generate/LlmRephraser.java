package dev.quarry.synth.generate;

import dev.quarry.core.llm.OpenAiChatClient;
import java.io.Serializable;
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
 * network. Requests go through Quarry's one OpenAI-compatible client ({@link OpenAiChatClient}): network
 * errors, timeouts, HTTP 429/5xx are retried up to {@link LlmEndpoint#maxRetries()} times; other HTTP
 * errors, malformed responses and answers without usable lines yield an empty list. The client is created
 * lazily and not serialized.
 */
public final class LlmRephraser implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final AtomicLong REQUESTS_SENT = new AtomicLong();

  static final String SYSTEM_PROMPT = "You rephrase questions about a database for a text-to-SQL dataset. "
      + "Write each rephrasing on its own line, with no numbering and no commentary. Keep the exact meaning: "
      + "keep every filter, grouping, ordering, limit and every listed value, written as given.";

  private final LlmEndpoint endpoint;
  private final Function<String, String> env;
  private final LiteralCheck check = new LiteralCheck();
  private final RephrasingFilter filter;
  private transient OpenAiChatClient client;
  private final AtomicLong failures = new AtomicLong();

  /** A rephraser reading the API key from the process environment. */
  public LlmRephraser(LlmEndpoint endpoint) {
    this(endpoint, (Function<String, String> & Serializable) System::getenv);
  }

  /** A rephraser reading the API key through {@code env} (tests). */
  public LlmRephraser(LlmEndpoint endpoint, Function<String, String> env) {
    this(endpoint, env, null);
  }

  /**
   * A rephraser reading the API key through {@code env} whose rephrasings must also pass {@code filter}
   * (e.g. the {@link SelfTrainingFilter}; {@code null} for none).
   */
  public LlmRephraser(LlmEndpoint endpoint, Function<String, String> env, RephrasingFilter filter) {
    this.endpoint = endpoint;
    this.env = env;
    this.filter = filter;
  }

  /** Number of chat requests made by all instances in this JVM (a request's retries not counted). */
  public static long requestsSent() {
    return REQUESTS_SENT.get();
  }

  /** Calls that ended without a usable answer (errors, bad JSON, exhausted retries). */
  public long failures() {
    return failures.get();
  }

  /**
   * Asks for up to {@code max} rephrasings of {@code question}, without a filter's check (the filter needs
   * the gold SQL: {@link #rephrase(String, String, List, int)}).
   *
   * @param literals literals each rephrasing must still express; the prompt lists their first phrases
   * @return 0..max accepted rephrasings, distinct from the question and each other; never throws for
   *     network or format problems
   */
  public List<String> rephrase(String question, List<LiteralPhrases> literals, int max) {
    return rephrase(question, null, literals, max);
  }

  /**
   * Asks for up to {@code max} rephrasings of {@code question} generated from {@code goldSql}; with a
   * {@link RephrasingFilter}, a rephrasing is kept only if the filter keeps it for {@code goldSql}.
   *
   * @param goldSql the question's SQL; null skips the filter
   * @param literals literals each rephrasing must still express; the prompt lists their first phrases
   * @return 0..max accepted rephrasings, distinct from the question and each other; never throws for
   *     network or format problems
   * @throws IllegalArgumentException if the filter cannot open its model (see {@link SelfTrainingFilter#keeps})
   */
  public List<String> rephrase(String question, String goldSql, List<LiteralPhrases> literals, int max) {
    String content = call(prompt(question, literals, max));
    if (content == null) {
      failures.incrementAndGet();
      return List.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    String self = QuestionRealizer.normalize(question);
    for (String line : content.split("\\R")) {
      String q = clean(line);
      String key = QuestionRealizer.normalize(q);
      if (!q.isEmpty() && out.size() < max && !key.equals(self) && !out.containsKey(key)
          && check.allExpressed(q, literals) && (filter == null || goldSql == null || filter.keeps(q, goldSql))) {
        out.put(key, q);
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
  private String call(String user) {
    REQUESTS_SENT.incrementAndGet();
    return client().ask(SYSTEM_PROMPT, user).text();
  }

  private synchronized OpenAiChatClient client() {
    if (client == null) {
      String key = endpoint.apiKeyEnv() == null ? null : env.apply(endpoint.apiKeyEnv());
      client = new OpenAiChatClient(new OpenAiChatClient.Settings(endpoint.baseUrl(), endpoint.model(), key,
          endpoint.temperature(), endpoint.timeout(), endpoint.maxRetries()));
    }
    return client;
  }
}
