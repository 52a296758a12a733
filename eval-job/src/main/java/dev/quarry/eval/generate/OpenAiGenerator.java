package dev.quarry.eval.generate;

import dev.quarry.core.domain.SchemaPrompt;
import dev.quarry.core.llm.OpenAiChatClient;
import dev.quarry.core.model.Generation;
import dev.quarry.core.model.GeneratorContext;
import dev.quarry.core.model.SqlCandidate;
import dev.quarry.core.model.SqlGenerator;
import java.util.List;

/**
 * A {@link SqlGenerator} backed by an OpenAI-compatible chat-completions server (llama.cpp server, vLLM,
 * Ollama, OpenAI) through Quarry's one client, {@link OpenAiChatClient}, at temperature 0: the system message
 * is {@link SchemaPrompt#render} (the schema), the user message the question. {@code base} is the API root,
 * e.g. {@code http://localhost:8080/v1}; a base already ending in {@code /chat/completions} is used as is.
 *
 * <p>Failures never throw: a request that times out, fails with I/O, or answers 429/5xx is retried up to
 * {@code retries} times; other HTTP errors, exhausted retries and answers without SQL give an empty
 * {@link Generation}, and {@link #lastError()} says why.
 */
public final class OpenAiGenerator implements SqlGenerator {

  private final GeneratorContext context;
  private final String systemPrompt;
  private final OpenAiChatClient client;
  private String lastError;

  /**
   * @param baseUrl API root (http or https)
   * @param context domain, model name, API key, timeout, retries
   * @throws IllegalArgumentException if the URL is not http(s) or no model name is given
   */
  public OpenAiGenerator(String baseUrl, GeneratorContext context) {
    if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
      throw new IllegalArgumentException("--model openai:<base url> needs an http(s) URL, got '" + baseUrl + "'");
    }
    if (context.modelName() == null || context.modelName().isBlank()) {
      throw new IllegalArgumentException("--model openai:... needs --model-name (the server's model name)");
    }
    this.context = context;
    this.systemPrompt = SchemaPrompt.render(context.domain());
    this.client = new OpenAiChatClient(new OpenAiChatClient.Settings(baseUrl, context.modelName(), context.apiKey(),
        0.0, context.timeout(), context.retries()));
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
    OpenAiChatClient.Reply reply = client.ask(systemPrompt, question);
    lastError = reply.error();
    String sql = "";
    if (reply.ok()) {
      sql = SqlExtractor.extract(reply.text());
      if (sql.isEmpty()) {
        lastError = "malformed answer (no SQL): " + OpenAiChatClient.abbreviate(reply.text());
      }
    }
    long micros = (System.nanoTime() - t0) / 1000;
    return new Generation(sql.isEmpty() ? List.of() : List.of(new SqlCandidate(sql, 0.0)), micros);
  }
}
