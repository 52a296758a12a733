package dev.quarry.synth;

import dev.quarry.synth.generate.LlmEndpoint;

/** Builds the optional LLM rephraser endpoint from synth options. */
final class LlmEndpoints {

  private LlmEndpoints() {}

  /**
   * The endpoint named by {@code --llmBaseUrl}, {@code --llmModel} and {@code --llmApiKeyEnv}.
   *
   * @throws IllegalArgumentException if the base URL or model is missing
   */
  static LlmEndpoint fromOptions(SynthOptions o) {
    if (o.getLlmBaseUrl() == null || o.getLlmModel() == null) {
      throw new IllegalArgumentException("rephraser 'llm' needs llmBaseUrl and llmModel");
    }
    return LlmEndpoint.of(o.getLlmBaseUrl(), o.getLlmModel(), o.getLlmApiKeyEnv());
  }
}
