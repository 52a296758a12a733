package dev.quarry.synth;

import java.io.Serializable;

/**
 * One NL→SQL training pair after execution.
 *
 * @param id 16 hex characters: SHA-256 prefix of normalized question and normalized SQL
 * @param question the question as written
 * @param normalizedQuestion {@link TextNormalizer#question} of the question (dedupe key)
 * @param sql the SQL (DuckDB dialect)
 * @param normalizedSql the SQL guard's normalized form (dedupe and split key)
 * @param family query family name
 * @param hardness Spider hardness: easy, medium, hard or extra
 * @param templateId template that produced the SQL
 * @param fingerprint SHA-256 of the SQL's canonical result on the seed data
 * @param rowCount rows in that result
 * @param split train, validation or test; null before splitting
 */
public record SynthPair(
    String id,
    String question,
    String normalizedQuestion,
    String sql,
    String normalizedSql,
    String family,
    String hardness,
    String templateId,
    String fingerprint,
    long rowCount,
    String split)
    implements Serializable {

  /** Returns this pair assigned to {@code newSplit}. */
  public SynthPair withSplit(String newSplit) {
    return new SynthPair(id, question, normalizedQuestion, sql, normalizedSql, family, hardness, templateId,
        fingerprint, rowCount, newSplit);
  }
}
