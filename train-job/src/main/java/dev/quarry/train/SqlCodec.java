package dev.quarry.train;

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

  /** An encoded question and the literals it carried. */
  public record Encoded(int[] ids, List<QuestionLiteral> literals) {}

  private final Vocabulary vocab;
  private final LiteralAnonymizer anonymizer;
  private final ModelConfig config;

  /** Uses the model's vocabulary and the domain's anonymizer. */
  public SqlCodec(Vocabulary vocab, LiteralAnonymizer anonymizer, ModelConfig config) {
    this.vocab = vocab;
    this.anonymizer = anonymizer;
    this.config = config;
  }

  /** The model's vocabulary. */
  public Vocabulary vocabulary() {
    return vocab;
  }

  /** Anonymizes and encodes a question. */
  public Encoded encodeQuestion(String question) {
    Anonymized a = anonymizer.anonymize(question);
    List<String> t = QuestionTokens.tokenize(a.text());
    if (t.size() > config.maxQuestion()) {
      t = t.subList(0, config.maxQuestion());
    }
    return new Encoded(vocab.encode(t), a.literals());
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
