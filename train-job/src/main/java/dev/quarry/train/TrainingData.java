package dev.quarry.train;

import dev.quarry.train.encoder.QuestionFeaturizer;
import dev.quarry.train.encoder.TokenFeatures;
import dev.quarry.train.model.ModelConfig;
import dev.quarry.train.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A dataset read and prepared for training: the three splits as pairs, the vocabulary built on the train
 * split (tokens seen at least twice), the model configuration with that vocabulary's size, and the train and
 * validation splits encoded to token ids (pairs whose SQL exceeds {@code maxSql} tokens left out, questions cut
 * to {@code maxQuestion} tokens).
 *
 * @param trainPairs train split as read
 * @param validationPairs validation split as read
 * @param testPairs test split as read
 * @param vocabulary token vocabulary
 * @param config model configuration with {@code vocabSize} set
 * @param train encoded usable train pairs
 * @param validation encoded usable validation pairs
 * @param clean train pairs whose every string literal was anonymized
 */
public record TrainingData(List<TrainingPair> trainPairs, List<TrainingPair> validationPairs, List<TrainingPair> testPairs,
    Vocabulary vocabulary, ModelConfig config, List<Example> train, List<Example> validation, long clean) {

  /** Minimum count of a token in the train split to enter the vocabulary. */
  public static final int MIN_TOKEN_COUNT = 2;

  /**
   * Reads and prepares the dataset.
   *
   * @param reader an opened, verified dataset
   * @param pre tokenizer with literal anonymization
   * @param model model shape (its {@code vocabSize} is replaced)
   * @param featurizer pretrained question features for a model with {@code questionFeatures > 0}, else null
   * @param progress receives progress lines while the features are computed
   * @return the prepared data
   * @throws IllegalArgumentException when the model wants features and {@code featurizer} is null
   */
  public static TrainingData prepare(DatasetReader reader, Preprocessor pre, ModelConfig model,
      QuestionFeaturizer featurizer, Consumer<String> progress) {
    if (model.questionFeatures() > 0 && featurizer == null) {
      throw new IllegalArgumentException("the model uses pretrained question features but no encoder was given");
    }
    List<TrainingPair> trainPairs = reader.read("train");
    List<TrainingPair> valPairs = reader.read("validation");
    List<TrainingPair> testPairs = reader.read("test");
    List<Preprocessor.Tokens> trainTok = trainPairs.stream().map(pre::tokens).toList();
    Vocabulary vocab = Vocabulary.build(trainTok.stream().map(Preprocessor.Tokens::question).toList(),
        trainTok.stream().map(Preprocessor.Tokens::sql).toList(), MIN_TOKEN_COUNT);
    ModelConfig cfg = model.withVocabSize(vocab.size());
    long clean = trainTok.stream().filter(Preprocessor.Tokens::clean).count();
    List<Preprocessor.Tokens> valTok = valPairs.stream().map(pre::tokens).toList();
    QuestionFeaturizer f = model.questionFeatures() > 0 ? featurizer : null;
    return new TrainingData(trainPairs, valPairs, testPairs, vocab, cfg,
        encode(trainTok, vocab, cfg, f, "train", progress),
        encode(valTok, vocab, cfg, f, "validation", progress), clean);
  }

  /**
   * Encodes tokenized pairs: pairs with more than {@code maxSql} SQL tokens are left out, questions are cut to
   * {@code maxQuestion} tokens.
   */
  public static List<Example> encode(List<Preprocessor.Tokens> toks, Vocabulary v, ModelConfig cfg) {
    return encode(toks, v, cfg, null, "", line -> {});
  }

  /**
   * Encodes tokenized pairs as {@link #encode(List, Vocabulary, ModelConfig)} and, with a featurizer, computes
   * the pretrained features of every kept question (identical questions once), reporting progress about every
   * 10%.
   */
  static List<Example> encode(List<Preprocessor.Tokens> toks, Vocabulary v, ModelConfig cfg,
      QuestionFeaturizer featurizer, String split, Consumer<String> progress) {
    List<List<String>> questions = new ArrayList<>();
    List<Preprocessor.Tokens> kept = new ArrayList<>();
    for (Preprocessor.Tokens t : toks) {
      if (t.sql().size() > cfg.maxSql()) {
        continue;
      }
      kept.add(t);
      questions.add(t.question().size() > cfg.maxQuestion() ? t.question().subList(0, cfg.maxQuestion()) : t.question());
    }
    List<TokenFeatures> features = null;
    if (featurizer != null) {
      long start = System.nanoTime();
      int distinct = new java.util.HashSet<>(questions).size();
      int[] next = {distinct / 10};
      progress.accept(String.format("encoder: features of %,d distinct %s questions", distinct, split));
      features = featurizer.featuresAll(questions, done -> {
        if (done >= next[0] && done < distinct) {
          progress.accept(String.format("encoder: %,d/%,d %s questions (%.0f s)", done, distinct, split,
              (System.nanoTime() - start) / 1e9));
          next[0] += Math.max(1, distinct / 10);
        }
      });
      progress.accept(String.format("encoder: %s done in %.1f s", split, (System.nanoTime() - start) / 1e9));
    }
    List<Example> out = new ArrayList<>(kept.size());
    for (int i = 0; i < kept.size(); i++) {
      out.add(new Example(v.encode(questions.get(i)), v.encode(kept.get(i).sql()),
          features == null ? null : features.get(i)));
    }
    return out;
  }
}
