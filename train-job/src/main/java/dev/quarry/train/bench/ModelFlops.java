package dev.quarry.train.bench;

import dev.quarry.train.model.ModelConfig;

/**
 * Model FLOPs of one training step of the decoder-only transformer, so that two loops (or two model shapes)
 * can be compared per unit of work rather than per token.
 *
 * <p>Rule (Kaplan et al. 2020, "Scaling Laws for Neural Language Models", Table 1): a forward pass costs
 * {@code 2·N + 2·layers·T·d} FLOPs per token, where {@code N} counts the non-embedding parameters of the
 * matrix multiplications and {@code T} is the context length; a training step (forward + backward) costs
 * three times the forward pass. Here the output projection (tied embedding, {@code V·d}) is counted as a
 * matrix multiplication for the SQL positions only, because both Quarry's trainer and the reference loop
 * compute logits only for those. Element-wise work (LayerNorm, GELU, softmax, Adam) is not counted.
 */
public final class ModelFlops {

  private ModelFlops() {}

  /**
   * Training FLOPs of one step.
   *
   * @param cfg model shape (vocabulary size set)
   * @param rows rows in the batch
   * @param paddedLength padded sequence length {@code T} of the batch (question prefix + SQL + {@code <eos>})
   * @param sqlPositions label positions per row (padded SQL length + 1)
   * @return FLOPs (multiply and add counted as two)
   */
  public static double trainingStep(ModelConfig cfg, int rows, int paddedLength, int sqlPositions) {
    double d = cfg.dModel();
    double perLayer = 4 * d * d + 2 * d * cfg.ffn();
    double forwardPerToken = 2 * cfg.layers() * perLayer + 2.0 * cfg.layers() * paddedLength * d;
    double forward = rows * (paddedLength * forwardPerToken + (double) sqlPositions * 2 * d * cfg.vocabSize());
    return 3 * forward;
  }
}
