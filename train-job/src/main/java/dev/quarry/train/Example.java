package dev.quarry.train;

/**
 * One encoded training example.
 *
 * @param question token ids of the anonymized question (without {@code <sep>})
 * @param sql token ids of the anonymized SQL (without {@code <eos>})
 */
public record Example(int[] question, int[] sql) {}
