package dev.quarry.train.knn;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.model.Generation;
import dev.quarry.core.model.SqlCandidate;
import dev.quarry.core.model.SqlGenerator;
import dev.quarry.train.DatasetReader;
import dev.quarry.train.TrainingPair;
import dev.quarry.train.encoder.SentenceEncoder;
import dev.quarry.train.encoder.VectorCache;
import dev.quarry.train.text.Anonymized;
import dev.quarry.train.text.QuestionLiteral;
import dev.quarry.train.text.LiteralAnonymizer;
import dev.quarry.train.text.SqlTokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nearest-synthetic-question baseline (Marzoev et al. 2020, "Unnatural Language Processing: Bridging
 * the Gap Between Synthetic and Natural Language Data"): a question is answered with the SQL of the most
 * similar question of the synthesized training split, by cosine similarity of frozen
 * {@link SentenceEncoder} vectors. Literals are anonymized on both sides with the shared
 * {@link LiteralAnonymizer}, so {@code "kids at Lincoln"} finds {@code "students at <schools_1>"} and gets
 * its SQL with {@code 'Lincoln Elementary'} put back.
 *
 * <p>A training question's SQL becomes a template by replacing the literals its question mentions by their
 * placeholders; identical anonymized questions are kept once (with their most frequent template). A template
 * can answer a question only when every placeholder it needs was found in the question; among those, the score
 * is the cosine similarity minus {@value #UNUSED_LITERAL_PENALTY} per literal of the question the template
 * leaves unused. Not thread-safe (one encoder); the index itself is immutable.
 */
public final class NearestQuestionGenerator implements SqlGenerator {

  /** Score lost per literal of the question that a candidate template does not use. */
  static final double UNUSED_LITERAL_PENALTY = 0.05;

  /** Neighbours examined per question before the placeholder check. */
  static final int NEIGHBOURS = 64;

  private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z_]+_\\d+>");

  private final String id;
  private final LiteralAnonymizer anonymizer;
  private final List<String> templates;
  private final List<Set<String>> needs;
  private final float[][] vectors;
  private final SentenceEncoder encoder;
  private final int candidates;

  private NearestQuestionGenerator(String id, LiteralAnonymizer anonymizer, List<String> templates,
      float[][] vectors, SentenceEncoder encoder, int candidates) {
    this.id = id;
    this.anonymizer = anonymizer;
    this.templates = templates;
    this.vectors = vectors;
    this.encoder = encoder;
    this.candidates = candidates;
    this.needs = new ArrayList<>(templates.size());
    for (String t : templates) {
      Set<String> s = new HashSet<>();
      Matcher m = PLACEHOLDER.matcher(t);
      while (m.find()) {
        s.add(m.group());
      }
      needs.add(s);
    }
  }

  /**
   * Builds the index over the training split of a synth dataset.
   *
   * @param datasetDir a dataset directory (verified through its manifest)
   * @param domain the domain the dataset was synthesized for (its vocabularies drive anonymization)
   * @param cacheDir where sentence vectors are cached (content-addressed)
   * @param candidates candidates returned per question (≥ 1)
   * @param progress called with the number of questions encoded (only when the cache misses)
   * @throws dev.quarry.core.workspace.InvalidOutputException when the dataset does not verify
   * @throws IllegalStateException when the encoder files are missing or altered
   */
  public static NearestQuestionGenerator build(Path datasetDir, Domain domain, Path cacheDir, int candidates,
      IntConsumer progress) {
    LiteralAnonymizer anonymizer = new LiteralAnonymizer(domain);
    Map<String, Map<String, Integer>> byText = new LinkedHashMap<>();
    for (TrainingPair p : DatasetReader.open(datasetDir).read("train")) {
      Anonymized a = anonymizer.anonymize(p.question());
      String template = SqlTokens.join(LiteralAnonymizer.anonymizeSql(SqlTokens.tokenize(p.sql()), a.literals()));
      byText.computeIfAbsent(a.text(), k -> new LinkedHashMap<>()).merge(template, 1, Integer::sum);
    }
    List<String> texts = new ArrayList<>(byText.keySet());
    List<String> templates = new ArrayList<>(texts.size());
    for (String t : texts) {
      templates.add(byText.get(t).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
    }
    SentenceEncoder encoder = SentenceEncoder.open(Runtime.getRuntime().availableProcessors());
    float[][] vectors = new VectorCache(cacheDir).vectors(texts, encoder, progress);
    return new NearestQuestionGenerator("knn:" + datasetDir.getFileName(), anonymizer, templates, vectors, encoder,
        Math.max(1, candidates));
  }

  /** Number of distinct anonymized training questions in the index. */
  public int size() {
    return templates.size();
  }

  @Override
  public String modelId() {
    return id;
  }

  @Override
  public Generation generate(String question) {
    long start = System.nanoTime();
    Anonymized a = anonymizer.anonymize(question);
    float[] q = encoder.embed(a.text());
    Set<String> have = new HashSet<>();
    for (QuestionLiteral l : a.literals()) {
      have.add(l.placeholder());
    }
    int[] top = topK(q, NEIGHBOURS);
    List<SqlCandidate> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<double[]> scored = new ArrayList<>();
    for (int i : top) {
      if (!have.containsAll(needs.get(i))) {
        continue;
      }
      double s = dot(q, vectors[i]) - UNUSED_LITERAL_PENALTY * (have.size() - needs.get(i).size());
      scored.add(new double[] {s, i});
    }
    scored.sort((x, y) -> Double.compare(y[0], x[0]));
    for (double[] s : scored) {
      String sql = SqlTokens.join(LiteralAnonymizer.restore(SqlTokens.tokenize(templates.get((int) s[1])), a.literals()));
      if (seen.add(sql)) {
        out.add(new SqlCandidate(sql, s[0]));
        if (out.size() == candidates) {
          break;
        }
      }
    }
    return new Generation(out, (System.nanoTime() - start) / 1000);
  }

  /** Indices of the {@code k} rows most similar to {@code q}, best first (insertion into a sorted array). */
  private int[] topK(float[] q, int k) {
    k = Math.min(k, vectors.length);
    int[] idx = new int[k];
    double[] val = new double[k];
    int size = 0;
    for (int i = 0; i < vectors.length; i++) {
      double s = dot(q, vectors[i]);
      if (size == k && s <= val[k - 1]) {
        continue;
      }
      int j = size < k ? size++ : k - 1;
      while (j > 0 && val[j - 1] < s) {
        val[j] = val[j - 1];
        idx[j] = idx[j - 1];
        j--;
      }
      val[j] = s;
      idx[j] = i;
    }
    return idx;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Override
  public void close() {
    encoder.close();
  }
}
