package dev.quarry.train;

import dev.quarry.train.text.Anonymized;
import dev.quarry.train.text.LiteralAnonymizer;
import dev.quarry.train.text.QuestionTokens;
import dev.quarry.train.text.SqlTokens;
import java.util.List;

/**
 * Turns a pair into anonymized token lists: the question through {@link LiteralAnonymizer} and
 * {@link QuestionTokens}, the SQL through {@link SqlTokens} with the question's literals replaced by their
 * placeholders.
 */
public final class Preprocessor {

  /**
   * The token lists of one pair.
   *
   * @param question anonymized question tokens
   * @param sql anonymized SQL tokens
   * @param clean true if every quoted-string literal of the SQL became a placeholder (the SQL's string
   *     literals all come from the question)
   */
  public record Tokens(List<String> question, List<String> sql, boolean clean) {}

  private final LiteralAnonymizer anonymizer;

  /** Uses {@code anonymizer} for the literals. */
  public Preprocessor(LiteralAnonymizer anonymizer) {
    this.anonymizer = anonymizer;
  }

  /** Anonymizes and tokenizes a pair. */
  public Tokens tokens(TrainingPair p) {
    Anonymized a = anonymizer.anonymize(p.question());
    List<String> sql = LiteralAnonymizer.anonymizeSql(SqlTokens.tokenize(p.sql()), a.literals());
    boolean clean = sql.stream().noneMatch(t -> t.startsWith("'"));
    return new Tokens(QuestionTokens.tokenize(a.text()), sql, clean);
  }

  /** The anonymizer. */
  public LiteralAnonymizer anonymizer() {
    return anonymizer;
  }
}
