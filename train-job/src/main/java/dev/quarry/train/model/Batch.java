package dev.quarry.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.quarry.train.encoder.TokenFeatures;
import dev.quarry.train.text.Vocabulary;
import java.util.List;

/**
 * One padded batch in the prefix layout shared by training and decoding: each row is
 * {@code [<pad>… question <sep> sql… <eos> <pad>…]} with the questions left-padded to the batch's longest
 * question, so that {@code <sep>} sits at column {@code prefix - 1} in every row. Position ids count from
 * {@code <sep>}: {@code pos(t) = t - (prefix - 1) + maxQuestion} (pads get 0 and are masked).
 *
 * @param tokens (B, T) int32 inputs
 * @param positions (B, T) int32
 * @param keyMask (B, T) float32, 1 = real token
 * @param labels (B, S) int32 next tokens for columns prefix-1 … T-1 (only when built with SQL), else null
 * @param prefix number of columns up to and including {@code <sep>}
 * @param features (B, prefix, F) float32 pretrained features of the question's columns (zeros at padding and
 *     {@code <sep>}; the SQL columns after {@code prefix} have none), or null when the batch was built without
 *     features
 */
public record Batch(NDArray tokens, NDArray positions, NDArray keyMask, NDArray labels, int prefix, NDArray features) {

  /**
   * Builds a batch.
   *
   * @param questions question ids per row (already cut to maxQuestion)
   * @param sqls SQL ids per row (without {@code <eos>}), or null for a decoding prefix
   * @param generated for decoding: tokens generated so far per row (same length for all rows), or null
   */
  public static Batch of(NDManager m, List<int[]> questions, List<int[]> sqls, List<int[]> generated, int maxQuestion) {
    return of(m, questions, null, sqls, generated, maxQuestion);
  }

  /**
   * Builds a batch with pretrained question features.
   *
   * @param features per row the features of its question tokens (at least as many rows as the question has
   *     tokens; extra rows are ignored), or null for none
   * @throws IllegalArgumentException when a row's features are shorter than its question
   */
  public static Batch of(NDManager m, List<int[]> questions, List<TokenFeatures> features, List<int[]> sqls,
      List<int[]> generated, int maxQuestion) {
    int b = questions.size();
    int q = 0;
    for (int[] x : questions) {
      q = Math.max(q, x.length);
    }
    int prefix = q + 1;
    int s = 0;
    if (sqls != null) {
      for (int[] x : sqls) {
        s = Math.max(s, x.length);
      }
    } else if (generated != null && !generated.isEmpty()) {
      s = generated.get(0).length;
    }
    int t = prefix + s;
    int[] tok = new int[b * t];
    int[] pos = new int[b * t];
    float[] mask = new float[b * t];
    int[] lab = sqls == null ? null : new int[b * (s + 1)];
    for (int r = 0; r < b; r++) {
      int[] qq = questions.get(r);
      int off = r * t;
      int start = prefix - 1 - qq.length;
      for (int i = 0; i < qq.length; i++) {
        tok[off + start + i] = qq[i];
        mask[off + start + i] = 1f;
      }
      tok[off + prefix - 1] = Vocabulary.SEP;
      mask[off + prefix - 1] = 1f;
      int[] tail = sqls != null ? sqls.get(r) : generated != null ? generated.get(r) : new int[0];
      for (int i = 0; i < s; i++) {
        int id = i < tail.length ? tail[i] : Vocabulary.PAD;
        if (sqls != null && i == tail.length) {
          id = Vocabulary.EOS; // fed but its prediction is padding
        }
        tok[off + prefix + i] = i < tail.length ? tail[i] : Vocabulary.PAD;
        mask[off + prefix + i] = i < tail.length || (sqls == null && id != Vocabulary.PAD) ? 1f : 0f;
      }
      for (int i = 0; i < t; i++) {
        pos[off + i] = Math.max(0, i - (prefix - 1) + maxQuestion);
      }
      if (lab != null) {
        for (int i = 0; i <= s; i++) {
          lab[r * (s + 1) + i] = i < tail.length ? tail[i] : i == tail.length ? Vocabulary.EOS : Vocabulary.PAD;
        }
      }
    }
    NDArray feat = null;
    if (features != null) {
      int f = features.get(0).dim();
      float[] fv = new float[b * prefix * f];
      for (int r = 0; r < b; r++) {
        int[] qq = questions.get(r);
        TokenFeatures tf = features.get(r);
        if (tf.size() < qq.length) {
          throw new IllegalArgumentException("row " + r + " has " + qq.length + " question tokens but features for "
              + tf.size());
        }
        int start = prefix - 1 - qq.length;
        for (int i = 0; i < qq.length; i++) {
          tf.copyRow(i, fv, ((r * prefix) + start + i) * f);
        }
      }
      feat = m.create(fv, new Shape(b, prefix, f));
    }
    return new Batch(
        m.create(tok, new Shape(b, t)),
        m.create(pos, new Shape(b, t)),
        m.create(mask, new Shape(b, t)),
        lab == null ? null : m.create(lab, new Shape(b, s + 1)),
        prefix, feat);
  }
}
