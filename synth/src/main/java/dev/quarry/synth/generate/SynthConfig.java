package dev.quarry.synth.generate;

import java.io.Serializable;

/**
 * Settings of candidate generation. Immutable and serializable; build with {@link #defaults()} and the
 * {@code with…} methods.
 *
 * @param seed master seed; every random choice derives from a hash of (seed, key)
 * @param samplesPerTemplate distinct SQL candidates aimed for per {@link TemplateSpec} before the
 *     per-template weight is applied (a spec asks for {@code samplesPerTemplate × weight}, at least 1)
 * @param questionsPerSql the most questions kept per SQL (realized + rephrased)
 * @param realizedPerSql how many of them come from the realizer; the rest from rephrasing
 * @param maxFilters the most WHERE conditions a template adds besides those it needs
 * @param llm optional LLM rephraser endpoint; {@code null} means no network is ever used
 * @param llmFilter optional filter an LLM rephrasing must pass besides the literal check (the
 *     {@link SelfTrainingFilter}); {@code null} keeps every rephrasing that expresses its literals
 */
public record SynthConfig(
    long seed, int samplesPerTemplate, int questionsPerSql, int realizedPerSql, int maxFilters, LlmEndpoint llm,
    RephrasingFilter llmFilter)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates the counts; throws {@link IllegalArgumentException} for non-positive or inconsistent ones. */
  public SynthConfig {
    if (samplesPerTemplate < 1 || questionsPerSql < 1 || realizedPerSql < 1 || maxFilters < 0) {
      throw new IllegalArgumentException("SynthConfig counts must be positive (maxFilters >= 0)");
    }
    if (realizedPerSql > questionsPerSql) {
      throw new IllegalArgumentException("realizedPerSql must not exceed questionsPerSql");
    }
  }

  /**
   * Defaults sized for about 11,000 SQL candidates with about 5 questions each on the education domain
   * (measured on the test seed: see the synth generate tests).
   */
  public static SynthConfig defaults() {
    return new SynthConfig(20240601L, 120, 5, 3, 2, null, null);
  }

  /** Returns a copy with another seed. */
  public SynthConfig withSeed(long s) {
    return new SynthConfig(s, samplesPerTemplate, questionsPerSql, realizedPerSql, maxFilters, llm, llmFilter);
  }

  /** Returns a copy with another number of samples per template. */
  public SynthConfig withSamplesPerTemplate(int n) {
    return new SynthConfig(seed, n, questionsPerSql, realizedPerSql, maxFilters, llm, llmFilter);
  }

  /** Returns a copy with other question counts. */
  public SynthConfig withQuestions(int perSql, int realized) {
    return new SynthConfig(seed, samplesPerTemplate, perSql, realized, maxFilters, llm, llmFilter);
  }

  /** Returns a copy with another filter limit. */
  public SynthConfig withMaxFilters(int n) {
    return new SynthConfig(seed, samplesPerTemplate, questionsPerSql, realizedPerSql, n, llm, llmFilter);
  }

  /** Returns a copy that also rephrases through the given LLM endpoint ({@code null} to disable). */
  public SynthConfig withLlm(LlmEndpoint endpoint) {
    return new SynthConfig(seed, samplesPerTemplate, questionsPerSql, realizedPerSql, maxFilters, endpoint, llmFilter);
  }

  /** Returns a copy whose LLM rephrasings must also pass {@code filter} ({@code null} for none). */
  public SynthConfig withLlmFilter(RephrasingFilter filter) {
    return new SynthConfig(seed, samplesPerTemplate, questionsPerSql, realizedPerSql, maxFilters, llm, filter);
  }
}
