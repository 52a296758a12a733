package dev.quarry.train.model;

import dev.quarry.train.InvalidSettingException;
import dev.quarry.train.TrainSetting;

/**
 * Size of the decoder-only transformer.
 *
 * @param dModel width of the residual stream (must be divisible by {@code heads})
 * @param layers number of decoder layers (≥ 1)
 * @param heads attention heads (≥ 1)
 * @param ffn hidden width of the feed-forward sub-layer (≥ 1)
 * @param dropout dropout rate in [0, 1)
 * @param maxQuestion question tokens kept (longer questions are cut)
 * @param maxSql SQL tokens (pairs with longer SQL are not trained on; decoding stops there)
 * @param vocabSize number of tokens (set from the tokenizer; 0 before it is built)
 * @param questionFeatures size of the frozen pretrained per-token question features added to the question's
 *     input embeddings ({@link #PRETRAINED_FEATURES} for all-MiniLM-L6-v2, see
 *     {@code dev.quarry.train.encoder.QuestionFeaturizer}), or 0 for none; a {@code config.json} written before
 *     the field existed reads as 0
 */
public record ModelConfig(
    int dModel, int layers, int heads, int ffn, double dropout, int maxQuestion, int maxSql, int vocabSize,
    int questionFeatures) {

  /** {@link #questionFeatures} of the pretrained encoder that ships in the jar (its hidden size). */
  public static final int PRETRAINED_FEATURES = 384;

  /** Default {@link #dModel} . */
  public static final int DEFAULT_D_MODEL = 128;
  /** Default {@link #layers}. */
  public static final int DEFAULT_LAYERS = 3;
  /** Default {@link #heads}. */
  public static final int DEFAULT_HEADS = 4;
  /** Default {@link #ffn}. */
  public static final int DEFAULT_FFN = 512;
  /** Default {@link #dropout}. */
  public static final double DEFAULT_DROPOUT = 0.1;
  /** Default {@link #maxQuestion}. */
  public static final int DEFAULT_MAX_QUESTION = 40;
  /** Default {@link #maxSql}. */
  public static final int DEFAULT_MAX_SQL = 96;

  /**
   * The defaults measured for the 20-minute CPU budget (see README); the {@code DEFAULT_*} constants, which
   * the command line's defaults and help text are also built from.
   */
  public static ModelConfig defaults() {
    return new ModelConfig(DEFAULT_D_MODEL, DEFAULT_LAYERS, DEFAULT_HEADS, DEFAULT_FFN, DEFAULT_DROPOUT,
        DEFAULT_MAX_QUESTION, DEFAULT_MAX_SQL, 0, PRETRAINED_FEATURES);
  }

  /**
   * Checks every value before any work.
   *
   * @return this
   * @throws InvalidSettingException naming the first bad value's setting
   */
  public ModelConfig validate() {
    if (layers < 1) {
      throw new InvalidSettingException(TrainSetting.LAYERS, "must be at least 1 (was " + layers + ")");
    }
    if (heads < 1) {
      throw new InvalidSettingException(TrainSetting.HEADS, "must be at least 1 (was " + heads + ")");
    }
    if (dModel < 1 || dModel % heads != 0) {
      throw new InvalidSettingException(TrainSetting.D_MODEL,
          "must be positive and divisible by the number of heads, " + heads + " (was " + dModel + ")");
    }
    if (ffn < 1) {
      throw new InvalidSettingException(TrainSetting.FFN, "must be at least 1 (was " + ffn + ")");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new InvalidSettingException(TrainSetting.DROPOUT, "must be in [0, 1) (was " + dropout + ")");
    }
    if (maxQuestion < 1) {
      throw new InvalidSettingException(TrainSetting.MAX_QUESTION, "must be at least 1 (was " + maxQuestion + ")");
    }
    if (questionFeatures != 0 && questionFeatures != PRETRAINED_FEATURES) {
      throw new InvalidSettingException(TrainSetting.QUESTION_FEATURES,
          "must be 0 or " + PRETRAINED_FEATURES + " (was " + questionFeatures + ")");
    }
    if (maxSql < 1) {
      throw new InvalidSettingException(TrainSetting.MAX_SQL, "must be at least 1 (was " + maxSql + ")");
    }
    return this;
  }

  /** A copy with the vocabulary size set. */
  public ModelConfig withVocabSize(int v) {
    return new ModelConfig(dModel, layers, heads, ffn, dropout, maxQuestion, maxSql, v, questionFeatures);
  }

  /** A copy with {@link #questionFeatures} set. */
  public ModelConfig withQuestionFeatures(int f) {
    return new ModelConfig(dModel, layers, heads, ffn, dropout, maxQuestion, maxSql, vocabSize, f);
  }

  /** Number of learned positions: question, {@code <sep>}, SQL and {@code <eos>}. */
  public int positions() {
    return maxQuestion + maxSql + 2;
  }
}
