package dev.quarry.train;

import dev.quarry.train.model.ModelConfig;
import dev.quarry.train.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;

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
   * @return the prepared data
   */
  public static TrainingData prepare(DatasetReader reader, Preprocessor pre, ModelConfig model) {
    List<TrainingPair> trainPairs = reader.read("train");
    List<TrainingPair> valPairs = reader.read("validation");
    List<TrainingPair> testPairs = reader.read("test");
    List<Preprocessor.Tokens> trainTok = trainPairs.stream().map(pre::tokens).toList();
    Vocabulary vocab = Vocabulary.build(trainTok.stream().map(Preprocessor.Tokens::question).toList(),
        trainTok.stream().map(Preprocessor.Tokens::sql).toList(), MIN_TOKEN_COUNT);
    ModelConfig cfg = model.withVocabSize(vocab.size());
    long clean = trainTok.stream().filter(Preprocessor.Tokens::clean).count();
    return new TrainingData(trainPairs, valPairs, testPairs, vocab, cfg, encode(trainTok, vocab, cfg),
        encode(valPairs.stream().map(pre::tokens).toList(), vocab, cfg), clean);
  }

  /**
   * Encodes tokenized pairs: pairs with more than {@code maxSql} SQL tokens are left out, questions are cut to
   * {@code maxQuestion} tokens.
   */
  public static List<Example> encode(List<Preprocessor.Tokens> toks, Vocabulary v, ModelConfig cfg) {
    List<Example> out = new ArrayList<>();
    for (Preprocessor.Tokens t : toks) {
      if (t.sql().size() > cfg.maxSql()) {
        continue;
      }
      List<String> q = t.question().size() > cfg.maxQuestion() ? t.question().subList(0, cfg.maxQuestion()) : t.question();
      out.add(new Example(v.encode(q), v.encode(t.sql())));
    }
    return out;
  }
}
