package dev.quarry.train;

import dev.quarry.train.text.Vocabulary;
import java.util.Random;

/**
 * Word dropout for a model with pretrained question features: during training each question word is replaced by
 * {@code <unk>} with probability {@link #RATE}, so that the model learns to read a word from its pretrained
 * feature alone, as it must for a word its vocabulary never saw (Iyyer et al. 2015, "Deep Unordered Composition
 * Rivals Syntactic Methods for Text Classification", word dropout). Placeholders ({@code <schools_1>}, …) and
 * special tokens are never dropped: they carry the literals the SQL needs.
 */
public final class WordDropout {

  /** Probability that a question word becomes {@code <unk>} in a training step. */
  public static final double RATE = 0.15;

  private final boolean[] droppable;

  /** Dropout over {@code vocab}: every token except specials and placeholders may be dropped. */
  public WordDropout(Vocabulary vocab) {
    droppable = new boolean[vocab.size()];
    for (int i = 0; i < vocab.size(); i++) {
      String t = vocab.token(i);
      droppable[i] = i > Vocabulary.EOS && !t.startsWith("<");
    }
  }

  /**
   * A copy of {@code ids} with droppable words replaced by {@link Vocabulary#UNK} with probability {@link #RATE}.
   *
   * @param rnd the step's seeded generator
   */
  public int[] apply(int[] ids, Random rnd) {
    int[] out = ids.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] < droppable.length && droppable[out[i]] && rnd.nextDouble() < RATE) {
        out[i] = Vocabulary.UNK;
      }
    }
    return out;
  }
}
