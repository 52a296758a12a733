package dev.quarry.eval.generate;

import dev.quarry.eval.bank.BankQuestion;

/**
 * Produces the prediction for one bank question. Unlike {@link dev.quarry.core.model.SqlGenerator} it sees
 * the whole question (id included), so replayed predictions can be matched by id. Never throws for a bad
 * answer: that is a {@link Prediction} with empty SQL and a message.
 */
public interface Predictor extends AutoCloseable {

  /** Stable model id (used in run ids). */
  String modelId();

  /**
   * SHA-256 of what identifies the source of the predictions: the model card of a model, the predictions file
   * of a replay, the bank for gold; null when unknown. Recorded as {@code summary.json}'s
   * {@code model.card_sha256}.
   */
  default String sourceSha256() {
    return null;
  }

  /**
   * Predicts SQL for {@code q}.
   *
   * @param q the question
   * @return the prediction (never null)
   */
  Prediction predict(BankQuestion q);

  @Override
  default void close() {}

  /**
   * Wraps a {@link dev.quarry.core.model.SqlGenerator}: uses its best candidate; a runtime failure of the
   * generator becomes an empty prediction with the failure as message.
   *
   * @param g the generator (closed with the predictor)
   * @return a predictor
   */
  static Predictor of(dev.quarry.core.model.SqlGenerator g) {
    return new Predictor() {
      @Override
      public String modelId() {
        return g.modelId();
      }

      @Override
      public String sourceSha256() {
        return g.modelCardSha256();
      }

      @Override
      public Prediction predict(BankQuestion q) {
        long t0 = System.nanoTime();
        try {
          var gen = g.generate(q.question());
          String why = gen.bestSql().isEmpty() ? (g instanceof OpenAiGenerator o ? o.lastError() : "no candidate") : null;
          return new Prediction(gen.bestSql(), gen.latencyMicros() / 1000.0, why);
        } catch (RuntimeException e) {
          return new Prediction("", (System.nanoTime() - t0) / 1e6, "generator failed: " + e.getMessage());
        }
      }

      @Override
      public void close() {
        g.close();
      }
    };
  }
}
