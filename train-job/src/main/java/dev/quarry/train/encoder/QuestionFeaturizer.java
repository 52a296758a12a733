package dev.quarry.train.encoder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-token question features from the frozen pretrained encoder ({@link SentenceEncoder}): the model's own
 * question tokens (word level, literals replaced by placeholders such as {@code <schools_1>}) are joined into a
 * text, the encoder reads it, and each model token gets the mean of the {@code last_hidden_state} rows of the
 * subwords that overlap it. A word the model's vocabulary never saw ({@code <unk>} for the embedding table) still
 * gets the encoder's contextual vector, close to the vectors of words used alike ("kids" near "students").
 * This is the "frozen pretrained encoder as question features" route of the issue; pretrained encoders are the
 * largest single gain reported by AutoQA/Schema2QA (Xu et al. 2020: BART vs BERT-LSTM on the same data).
 *
 * <p>A placeholder is shown to the encoder as its type in words ({@code <grade_levels_2>} → "grade levels",
 * {@code <num_1>} → "number"), so the text reads naturally without the literal's value.
 *
 * <p>Identical token lists are encoded once per call ({@link #featuresAll}), in batches of texts sorted by
 * length. Because the int8 graph quantizes activations per batch, a question's features depend slightly on the
 * questions batched with it; the same list always gives the same features. Not thread-safe (one encoder).
 */
public final class QuestionFeaturizer implements AutoCloseable {

  /** Feature values per token: the encoder's hidden size. */
  public static final int DIM = SentenceEncoder.DIM;

  /** Texts per ONNX run. */
  static final int BATCH = 32;

  private static final Pattern PLACEHOLDER = Pattern.compile("<([a-z_]+)_\\d+>");
  private static final Map<String, String> TYPE_WORDS =
      Map.of("num", "number", "year", "school year", "date", "date", "month", "month");

  private final SentenceEncoder encoder;
  private final TokenFeatureCache cache;

  /**
   * Uses {@code encoder} (closed by {@link #close}).
   *
   * @param cache where {@link #featuresAll} keeps its results, or null for no cache
   */
  public QuestionFeaturizer(SentenceEncoder encoder, TokenFeatureCache cache) {
    this.encoder = encoder;
    this.cache = cache;
  }

  /** Opens the encoder that ships in the jar with {@code threads} intra-op threads, without a cache. */
  public static QuestionFeaturizer open(int threads) {
    return new QuestionFeaturizer(SentenceEncoder.open(threads), null);
  }

  /**
   * Opens the encoder that ships in the jar with {@code threads} intra-op threads and a content-addressed cache
   * in {@code cacheDir} for {@link #featuresAll} calls.
   */
  public static QuestionFeaturizer open(int threads, java.nio.file.Path cacheDir) {
    return new QuestionFeaturizer(SentenceEncoder.open(threads), new TokenFeatureCache(cacheDir));
  }

  /** Features of one question's tokens ({@code tokens.size()} rows). */
  public TokenFeatures features(List<String> tokens) {
    return featuresAll(List.of(tokens), n -> {}).get(0);
  }

  /**
   * Features of many questions; identical token lists are encoded once and share the result. With a cache, a list
   * of distinct questions seen before is read back instead of encoded.
   *
   * @param questions token lists (model tokens, as {@code QuestionTokens.tokenize} gives them)
   * @param progress called with the number of distinct questions encoded so far
   * @return one {@link TokenFeatures} per question, rows = its tokens
   */
  public List<TokenFeatures> featuresAll(List<List<String>> questions, IntConsumer progress) {
    Map<List<String>, Integer> distinct = new HashMap<>();
    List<List<String>> todo = new ArrayList<>();
    int[] slot = new int[questions.size()];
    for (int i = 0; i < questions.size(); i++) {
      List<String> q = questions.get(i);
      Integer s = distinct.get(q);
      if (s == null) {
        s = todo.size();
        distinct.put(q, s);
        todo.add(q);
      }
      slot[i] = s;
    }
    List<TokenFeatures> byDistinct = cache == null ? encode(todo, progress) : cache.get(todo, () -> encode(todo, progress));
    List<TokenFeatures> out = new ArrayList<>(questions.size());
    for (int s : slot) {
      out.add(byDistinct.get(s));
    }
    return out;
  }

  /** Encodes distinct questions, in batches of texts of similar length. */
  private List<TokenFeatures> encode(List<List<String>> todo, IntConsumer progress) {
    List<String> texts = new ArrayList<>(todo.size());
    List<int[][]> spans = new ArrayList<>(todo.size());
    for (List<String> q : todo) {
      int[][] sp = new int[q.size()][];
      texts.add(readable(q, sp));
      spans.add(sp);
    }
    // batches of texts of similar length pad less (a batch is padded to its longest text); stable order
    Integer[] byLength = new Integer[texts.size()];
    for (int i = 0; i < byLength.length; i++) {
      byLength[i] = i;
    }
    java.util.Arrays.sort(byLength, java.util.Comparator.comparingInt(i -> texts.get(i).length()));
    List<String> sorted = new ArrayList<>(texts.size());
    for (int i : byLength) {
      sorted.add(texts.get(i));
    }
    List<SentenceEncoder.TokenStates> states = encoder.tokenStatesAll(sorted, BATCH, progress);
    TokenFeatures[] byDistinct = new TokenFeatures[todo.size()];
    for (int k = 0; k < byLength.length; k++) {
      int d = byLength[k];
      byDistinct[d] = TokenFeatures.of(align(states.get(k), spans.get(d)), DIM);
    }
    return List.of(byDistinct);
  }

  /**
   * The text the encoder reads for model tokens: tokens joined by single spaces, placeholders as their type in
   * words. Fills {@code spans[i] = {start, end}} with each token's characters in that text.
   */
  static String readable(List<String> tokens, int[][] spans) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0) {
        b.append(' ');
      }
      int start = b.length();
      b.append(word(tokens.get(i)));
      spans[i] = new int[] {start, b.length()};
    }
    return b.toString();
  }

  /** A placeholder's type in words; any other token as it is. */
  static String word(String token) {
    Matcher m = PLACEHOLDER.matcher(token);
    if (!m.matches()) {
      return token;
    }
    String type = m.group(1);
    return TYPE_WORDS.getOrDefault(type, type.replace('_', ' ').toLowerCase(Locale.ROOT));
  }

  /** Mean of the subword states overlapping each token span; a token no subword covers (cut off) gets zeros. */
  private static float[][] align(SentenceEncoder.TokenStates st, int[][] spans) {
    float[][] out = new float[spans.length][DIM];
    int k = 0;
    for (int i = 0; i < spans.length; i++) {
      int s = spans[i][0];
      int e = spans[i][1];
      while (k < st.start().length && st.end()[k] <= s) {
        k++;
      }
      int n = 0;
      for (int j = k; j < st.start().length && st.start()[j] < e; j++) {
        float[] row = st.states()[j];
        for (int c = 0; c < DIM; c++) {
          out[i][c] += row[c];
        }
        n++;
      }
      if (n > 1) {
        for (int c = 0; c < DIM; c++) {
          out[i][c] /= n;
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    encoder.close();
  }
}
