package dev.quarry.train;

import dev.quarry.train.encoder.QuestionFeaturizer;
import dev.quarry.train.encoder.TokenFeatures;
import dev.quarry.train.model.ModelConfig;
import dev.quarry.train.text.Anonymized;
import dev.quarry.train.text.QuestionLiteral;
import dev.quarry.train.text.LiteralAnonymizer;
import dev.quarry.train.text.QuestionTokens;
import dev.quarry.train.text.SqlTokens;
import dev.quarry.train.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * Inference-side text handling: question → anonymized ids (cut to maxQuestion), and decoded ids → SQL with
 * the question's literals restored.
 */
public final class SqlCodec {

  /**
   * An encoded question and the literals it carried.
   *
   * @param features pretrained features of the question tokens, or null when the model has none
   */
  public record Encoded(int[] ids, List<QuestionLiteral> literals, TokenFeatures features) {}

  private final Vocabulary vocab;
  private final LiteralAnonymizer anonymizer;
  private final ModelConfig config;
  private final QuestionFeaturizer featurizer;

  /**
   * Uses the model's vocabulary and the domain's anonymizer.
   *
   * @param featurizer the pretrained encoder when {@code config.questionFeatures() > 0}, else null
   * @throws IllegalArgumentException when the model needs features and {@code featurizer} is null
   */
  public SqlCodec(Vocabulary vocab, LiteralAnonymizer anonymizer, ModelConfig config, QuestionFeaturizer featurizer) {
    if (config.questionFeatures() > 0 && featurizer == null) {
      throw new IllegalArgumentException("the model uses pretrained question features but no encoder was given");
    }
    this.vocab = vocab;
    this.anonymizer = anonymizer;
    this.config = config;
    this.featurizer = config.questionFeatures() > 0 ? featurizer : null;
  }

  /** The model's vocabulary. */
  public Vocabulary vocabulary() {
    return vocab;
  }

  /** Anonymizes and encodes a question. */
  public Encoded encodeQuestion(String question) {
    return encodeQuestions(List.of(question)).get(0);
  }

  /** Anonymizes and encodes questions; their features, if any, are computed in batches. */
  public List<Encoded> encodeQuestions(List<String> questions) {
    List<Anonymized> anon = new ArrayList<>(questions.size());
    List<List<String>> toks = new ArrayList<>(questions.size());
    for (String q : questions) {
      Anonymized a = anonymizer.anonymize(q);
      List<String> t = QuestionTokens.tokenize(a.text());
      anon.add(a);
      toks.add(t.size() > config.maxQuestion() ? t.subList(0, config.maxQuestion()) : t);
    }
    List<TokenFeatures> f = featurizer == null ? null : featurizer.featuresAll(toks, n -> {});
    List<Encoded> out = new ArrayList<>(questions.size());
    for (int i = 0; i < questions.size(); i++) {
      out.add(new Encoded(vocab.encode(toks.get(i)), anon.get(i).literals(), f == null ? null : f.get(i)));
    }
    return out;
  }

  /** Ids → SQL text with placeholders restored. */
  public String decode(int[] ids, List<QuestionLiteral> literals) {
    List<String> toks = new ArrayList<>();
    for (int id : ids) {
      toks.add(vocab.token(id));
    }
    return SqlTokens.join(LiteralAnonymizer.restore(toks, literals));
  }
}
