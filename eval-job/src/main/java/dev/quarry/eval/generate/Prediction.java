package dev.quarry.eval.generate;

/**
 * What a predictor produced for one bank question.
 *
 * @param sql predicted SQL, "" when there is none
 * @param generationMs generation wall time in milliseconds
 * @param message why there is no usable prediction (server error, malformed answer), or null
 */
public record Prediction(String sql, double generationMs, String message) {

  /** Normalizes null SQL to "". */
  public Prediction {
    sql = sql == null ? "" : sql;
  }
}
