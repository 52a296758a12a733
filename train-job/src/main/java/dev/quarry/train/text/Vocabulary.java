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
 * as {@code tokenizer.json} ({@code {"tokens": [...], "outputTokens": n}}, the index is the id). Ids 0–3 are
 * {@code <pad>}, {@code <unk>}, {@code <sep>} (end of question) and {@code <eos>} (end of SQL); then the tokens
 * SQL can contain, then the words seen only in questions, so that the first {@link #outputSize()} ids are all a
 * model ever needs to score when it writes SQL. A file without {@code outputTokens} (written before the field
 * existed, in plain text order) reads with every token an output token.
 */
public final class Vocabulary {

  public static final int PAD = 0;
  public static final int UNK = 1;
  public static final int SEP = 2;
  public static final int EOS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> tokens;
  private final Map<String, Integer> ids = new HashMap<>();
  private final int outputSize;

  private Vocabulary(List<String> tokens, int outputSize) {
    this.tokens = List.copyOf(tokens);
    if (outputSize < 4 || outputSize > tokens.size()) {
      throw new IllegalArgumentException("outputTokens must be in [4, " + tokens.size() + "] (was " + outputSize + ")");
    }
    this.outputSize = outputSize;
    for (int i = 0; i < tokens.size(); i++) {
      ids.put(tokens.get(i), i);
    }
  }

  /**
   * Builds a vocabulary: every SQL token, and question tokens seen at least {@code minQuestionCount} times
   * (placeholders always); the special tokens, then the SQL tokens, then the question-only tokens, each group
   * sorted by token text for a result independent of input order.
   */
  public static Vocabulary build(Iterable<List<String>> questions, Iterable<List<String>> sqls, int minQuestionCount) {
    Map<String, Integer> q = new TreeMap<>();
    questions.forEach(l -> l.forEach(t -> q.merge(t, 1, Integer::sum)));
    List<String> list = new ArrayList<>(List.of("<pad>", "<unk>", "<sep>", "<eos>"));
    java.util.TreeSet<String> sql = new java.util.TreeSet<>();
    sqls.forEach(sql::addAll);
    sql.stream().filter(t -> !list.contains(t)).forEach(list::add);
    int outputs = list.size();
    q.forEach((t, c) -> {
      if ((c >= minQuestionCount || t.startsWith("<")) && !sql.contains(t) && !list.contains(t)) {
        list.add(t);
      }
    });
    return new Vocabulary(list, outputs);
  }

  /** The number of leading ids that SQL can contain (specials and SQL tokens): what a model's output scores. */
  public int outputSize() {
    return outputSize;
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
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("tokens", tokens);
      m.put("outputTokens", outputSize);
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), m);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** Reads a vocabulary written by {@link #save}. */
  @SuppressWarnings("unchecked")
  public static Vocabulary load(Path file) {
    try {
      Map<String, Object> m = JSON.readValue(file.toFile(), Map.class);
      List<String> tokens = (List<String>) m.get("tokens");
      Object outputs = m.get("outputTokens");
      return new Vocabulary(tokens, outputs instanceof Number n ? n.intValue() : tokens.size());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read tokenizer " + file, e);
    }
  }
}
