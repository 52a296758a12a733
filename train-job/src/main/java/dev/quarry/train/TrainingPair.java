package dev.quarry.train;

/**
 * One question/SQL pair of the dataset.
 *
 * @param question natural-language question
 * @param sql gold SQL
 */
public record TrainingPair(String question, String sql) {}
