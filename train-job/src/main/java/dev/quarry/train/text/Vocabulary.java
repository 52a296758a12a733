package dev.quarry.train.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Token ↔ id table shared by questions and SQL, built from the training split and saved with the model
 * as {@code tokenizer.json} ({@code {"tokens": [...]}}, the index is the id). Ids 0–3 are
 * {@code <pad>}, {@code <unk>}, {@code <sep>} (end of question) and {@code <eos>} (end of SQL).
 */
public final class Vocabulary {

  public static final int PAD = 0;
  public static final int UNK = 1;
  public static final int SEP = 2;
  public static final int EOS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> tokens;
  private final Map<String, Integer> ids = new HashMap<>();

  private Vocabulary(List<String> tokens) {
    this.tokens = List.copyOf(tokens);
    for (int i = 0; i < tokens.size(); i++) {
      ids.put(tokens.get(i), i);
    }
  }

  /**
   * Builds a vocabulary: every SQL token, and question tokens seen at least {@code minQuestionCount} times;
   * sorted by token text for a result independent of input order.
   */
  public static Vocabulary build(Iterable<List<String>> questions, Iterable<List<String>> sqls, int minQuestionCount) {
    Map<String, Integer> q = new TreeMap<>();
    questions.forEach(l -> l.forEach(t -> q.merge(t, 1, Integer::sum)));
    TreeMap<String, Boolean> keep = new TreeMap<>();
    sqls.forEach(l -> l.forEach(t -> keep.put(t, true)));
    q.forEach((t, c) -> {
      if (c >= minQuestionCount || t.startsWith("<")) {
        keep.put(t, true);
      }
    });
    List<String> list = new ArrayList<>(List.of("<pad>", "<unk>", "<sep>", "<eos>"));
    keep.keySet().stream().filter(t -> !list.contains(t)).forEach(list::add);
    return new Vocabulary(list);
  }

  /** Number of tokens. */
  public int size() {
    return tokens.size();
  }

  /** Id of {@code token}, {@link #UNK} if unknown. */
  public int id(String token) {
    return ids.getOrDefault(token, UNK);
  }

  /** Token of {@code id}. */
  public String token(int id) {
    return tokens.get(id);
  }

  /** Ids of the tokens. */
  public int[] encode(List<String> toks) {
    int[] out = new int[toks.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = id(toks.get(i));
    }
    return out;
  }

  /** Writes {@code tokenizer.json}-style JSON to {@code file}. */
  public void save(Path file) {
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), Map.of("tokens", tokens));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** Reads a vocabulary written by {@link #save}. */
  @SuppressWarnings("unchecked")
  public static Vocabulary load(Path file) {
    try {
      Map<String, Object> m = JSON.readValue(file.toFile(), Map.class);
      return new Vocabulary((List<String>) m.get("tokens"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read tokenizer " + file, e);
    }
  }
}
