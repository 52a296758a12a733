package dev.quarry.train.text;

/**
 * One literal found in a question.
 *
 * @param placeholder typed placeholder token, e.g. {@code <year_1>}
 * @param sqlToken the SQL token it stands for, e.g. {@code '2023-2024'}, {@code 25} or {@code 'Kennedy Prep'}
 * @param surface the question text it was found as, e.g. {@code 2023-24} or {@code Kennedy}
 */
public record QuestionLiteral(String placeholder, String sqlToken, String surface) {}
