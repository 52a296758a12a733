package dev.quarry.synth;

import java.io.Serializable;

/**
 * A candidate or pair that synth dropped, with the reason: the dead-letter record written to
 * {@code rejects/} and counted in the manifest.
 *
 * @param step the pipeline step that dropped it ({@code ValidateSql}, {@code ExecuteCandidates},
 *     {@code DedupePairs}, {@code RephraseQuestions})
 * @param reason why, written as {@link DropReason#id()}, e.g. {@code unknown_column}, {@code timeout},
 *     {@code empty_result}, {@code ambiguous_question}
 * @param message human-readable detail
 * @param templateId template of the candidate
 * @param sql the SQL concerned
 * @param question the question concerned, or null when the whole candidate was dropped
 */
public record Reject(String step, DropReason reason, String message, String templateId, String sql, String question)
    implements Serializable {}
