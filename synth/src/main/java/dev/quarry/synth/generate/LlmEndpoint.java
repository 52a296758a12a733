package dev.quarry.synth.generate;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where an optional LLM rephraser sends OpenAI-compatible chat-completions requests.
 *
 * @param baseUrl API base, e.g. {@code http://localhost:8000/v1}; requests go to {@code baseUrl + "/chat/completions"}
 * @param model model name sent in the request
 * @param apiKeyEnv name of the environment variable holding the API key (the key itself is never stored);
 *     when the variable is unset or empty no Authorization header is sent
 * @param timeout per-request timeout (connect and response)
 * @param maxRetries retries after a network error, HTTP 429 or 5xx (0 = one attempt)
 * @param temperature sampling temperature sent in the request
 */
public record LlmEndpoint(
    String baseUrl, String model, String apiKeyEnv, Duration timeout, int maxRetries, double temperature)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Environment variable naming the base URL; its absence means "no LLM". */
  public static final String ENV_BASE_URL = "QUARRY_LLM_BASE_URL";
  /** Environment variable naming the model. */
  public static final String ENV_MODEL = "QUARRY_LLM_MODEL";
  /** Environment variable naming the environment variable that holds the key. */
  public static final String ENV_KEY_VAR = "QUARRY_LLM_API_KEY_ENV";

  /** Checks the fields; throws {@link IllegalArgumentException} for a blank URL or model or bad numbers. */
  public LlmEndpoint {
    if (baseUrl == null || baseUrl.isBlank() || model == null || model.isBlank()) {
      throw new IllegalArgumentException("LlmEndpoint needs a base URL and a model");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero() || maxRetries < 0) {
      throw new IllegalArgumentException("LlmEndpoint needs a positive timeout and maxRetries >= 0");
    }
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** An endpoint with a 30 s timeout, 2 retries and temperature 0.7. */
  public static LlmEndpoint of(String baseUrl, String model, String apiKeyEnv) {
    return new LlmEndpoint(baseUrl, model, apiKeyEnv, Duration.ofSeconds(30), 2, 0.7);
  }

  /**
   * Reads {@value #ENV_BASE_URL}, {@value #ENV_MODEL} (default {@code gpt-4o-mini}) and {@value #ENV_KEY_VAR}
   * (default {@code OPENAI_API_KEY}) from the given environment; empty when no base URL is set.
   */
  public static Optional<LlmEndpoint> fromEnvironment(Map<String, String> env) {
    String url = env.get(ENV_BASE_URL);
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(of(url, env.getOrDefault(ENV_MODEL, "gpt-4o-mini"),
        env.getOrDefault(ENV_KEY_VAR, "OPENAI_API_KEY")));
  }
}
