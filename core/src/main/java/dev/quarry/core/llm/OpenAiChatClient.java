package dev.quarry.core.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Quarry's one client for OpenAI-compatible chat-completions servers (OpenAI, vLLM, llama.cpp server,
 * Ollama), used by synth's LLM rephraser and by {@code quarry eval --model openai:}: langchain4j's
 * {@link OpenAiChatModel} ({@code POST <base>/chat/completions} with {@code model}, {@code messages} (system,
 * user) and {@code temperature}; the answer is {@code choices[0].message.content}; OpenAI API reference,
 * "Create chat completion"), with a configurable base URL and an optional bearer key.
 *
 * <p>Failures never throw: a request that times out, fails with I/O or answers 429/5xx is retried up to
 * {@code retries} times with exponential back-off (250 ms, 500 ms, … at most 8 s); other HTTP errors, malformed
 * responses and exhausted retries give a {@link Reply} without text that says why. The retries are Quarry's
 * (langchain4j's own are off) so that a malformed answer is not asked again.
 */
public final class OpenAiChatClient {

  /**
   * Where and how to ask.
   *
   * @param baseUrl API root, e.g. {@code http://localhost:8080/v1} (http or https; {@code /chat/completions} is
   *     appended; a root already ending in it is used as is)
   * @param model the server's model name
   * @param apiKey bearer token, or null/blank for none (no {@code Authorization} header)
   * @param temperature sampling temperature
   * @param timeout connect and per-request timeout
   * @param retries retries after a failed request (timeout, I/O error, 429, 5xx)
   */
  public record Settings(String baseUrl, String model, String apiKey, double temperature, Duration timeout,
      int retries) {

    /**
     * Checks the URL and the model name.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public Settings {
      if (baseUrl == null || !baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
        throw new IllegalArgumentException("not an http(s) URL: '" + baseUrl + "'");
      }
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("no model name");
      }
      if (retries < 0) {
        throw new IllegalArgumentException("retries must be >= 0, got " + retries);
      }
    }
  }

  /**
   * The outcome of one question.
   *
   * @param text the answer's content, or null when there is none
   * @param error why there is no text, or null
   */
  public record Reply(String text, String error) {

    /** True when the server answered with text. */
    public boolean ok() {
      return text != null;
    }
  }

  private static final String ENDPOINT = "/chat/completions";

  private final Settings settings;
  private final ChatModel model;

  /** A client for {@code settings} (no connection is made until {@link #ask}). */
  public OpenAiChatClient(Settings settings) {
    this.settings = settings;
    String base = settings.baseUrl().endsWith("/") ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1)
        : settings.baseUrl();
    if (base.endsWith(ENDPOINT)) {
      base = base.substring(0, base.length() - ENDPOINT.length());
    }
    this.model = OpenAiChatModel.builder()
        .baseUrl(base)
        .apiKey(settings.apiKey() == null || settings.apiKey().isBlank() ? null : settings.apiKey())
        .modelName(settings.model())
        .temperature(settings.temperature())
        .timeout(settings.timeout())
        .maxRetries(0)
        .build();
  }

  /**
   * Asks once (with retries).
   *
   * @param system the system message
   * @param user the user message
   * @return the answer's text, or why there is none; never throws for server, network or format problems
   */
  public Reply ask(String system, String user) {
    for (int attempt = 0; ; attempt++) {
      Failure f;
      try {
        String text = model.chat(SystemMessage.from(system), UserMessage.from(user)).aiMessage().text();
        return text == null ? new Reply(null, "malformed response (no choices[0].message.content)")
            : new Reply(text, null);
      } catch (RuntimeException e) {
        f = failure(e);
      }
      if (!f.retriable()) {
        return new Reply(null, f.what());
      }
      if (attempt >= settings.retries()) {
        return new Reply(null, f.what() + " (after " + (attempt + 1) + " attempts)");
      }
      try {
        Thread.sleep(250L << Math.min(attempt, 5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Reply(null, f.what() + " (interrupted before retrying)");
      }
    }
  }

  /**
   * What went wrong, and whether asking again may help.
   *
   * @param what e.g. {@code HTTP 500: boom}, {@code timeout after 300 ms}
   * @param retriable true for timeouts, I/O errors, 429 and 5xx
   */
  private record Failure(String what, boolean retriable) {}

  private Failure failure(RuntimeException e) {
    HttpException http = cause(e, HttpException.class);
    if (http != null) {
      int code = http.statusCode();
      return new Failure("HTTP " + code + ": " + abbreviate(http.getMessage()), code == 429 || code >= 500);
    }
    if (cause(e, HttpTimeoutException.class) != null || cause(e, TimeoutException.class) != null) {
      return new Failure("timeout after " + settings.timeout().toMillis() + " ms", true);
    }
    IOException io = cause(e, IOException.class);
    if (io != null && !(io instanceof JsonProcessingException)) {
      return new Failure("I/O error: " + abbreviate(io.getMessage()), true);
    }
    return new Failure("malformed response: " + abbreviate(String.valueOf(e.getMessage())), false);
  }

  private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /** At most 200 characters of {@code s} on one line. */
  public static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }
}
