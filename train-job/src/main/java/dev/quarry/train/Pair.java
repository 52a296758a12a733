package dev.quarry.train;

/**
 * One question/SQL pair of the dataset.
 *
 * @param question natural-language question
 * @param sql gold SQL
 */
public record Pair(String question, String sql) {}
