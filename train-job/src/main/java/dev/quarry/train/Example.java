package dev.quarry.train;

import dev.quarry.train.encoder.TokenFeatures;

/**
 * One encoded training example.
 *
 * @param question token ids of the anonymized question (without {@code <sep>})
 * @param sql token ids of the anonymized SQL (without {@code <eos>})
 * @param features pretrained features of the question tokens (at least {@code question.length} rows), or null
 *     when the model has none
 */
public record Example(int[] question, int[] sql, TokenFeatures features) {}
