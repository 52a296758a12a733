package dev.quarry.core.model;

/**
 * Something that turns a question into SQL: an embedded model trained by the train-job, an
 * OpenAI-compatible server, replayed predictions, or the bank's gold SQL. The eval-job scores any of them
 * the same way; {@code quarry ask} uses one interactively.
 *
 * <p>Implementations need not be thread-safe; open one per thread.
 */
public interface SqlGenerator extends AutoCloseable {

  /** Stable id of the model (e.g. the model directory name, or {@code openai:<model>}). */
  String modelId();

  /** SHA-256 of the model card (MODEL_CARD.md) when the model has one, else null. */
  default String modelCardSha256() {
    return null;
  }

  /**
   * Generates ranked SQL candidates for {@code question}.
   *
   * @param question natural-language question
   * @return ranked candidates (best first; possibly empty when the model produced nothing usable) and the
   *     generation time
   * @throws RuntimeException only for failures of the generator itself (I/O, server down after retries);
   *     a bad answer is returned as an empty or unusable candidate, not thrown
   */
  Generation generate(String question);

  /** Releases native resources or connections; the default does nothing. */
  @Override
  default void close() {}
}
