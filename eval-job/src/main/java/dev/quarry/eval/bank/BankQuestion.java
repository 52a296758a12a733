package dev.quarry.eval.bank;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One question of a query bank.
 *
 * @param id unique id within the bank
 * @param question natural-language question
 * @param goldSql acceptable gold SQL texts (at least one); any of them counts as correct
 * @param category topic (e.g. attendance, enrollment, grades, discipline, demographics)
 * @param difficulty one of {@code easy, medium, hard, extra} (Spider's levels)
 * @param notes free text or null
 */
public record BankQuestion(String id, String question, List<String> goldSql, String category, String difficulty,
    String notes) {

  /** The difficulty levels, in order. */
  public static final List<String> DIFFICULTIES = List.of("easy", "medium", "hard", "extra");
  private static final Set<String> LEVELS = Set.copyOf(DIFFICULTIES);

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException naming the question if a field is missing or the difficulty unknown
   */
  public BankQuestion {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("Bank question without an id: " + question);
    }
    if (question == null || question.isBlank()) {
      throw new IllegalArgumentException("Bank question " + id + " has no question text");
    }
    if (goldSql == null || goldSql.isEmpty() || goldSql.stream().anyMatch(s -> s == null || s.isBlank())) {
      throw new IllegalArgumentException("Bank question " + id + " has no gold SQL");
    }
    goldSql = List.copyOf(goldSql);
    category = category == null || category.isBlank() ? "uncategorized" : category.trim().toLowerCase(Locale.ROOT);
    difficulty = difficulty == null ? "" : difficulty.trim().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(difficulty)) {
      throw new IllegalArgumentException(
          "Bank question " + id + " has difficulty '" + difficulty + "'; expected one of " + DIFFICULTIES);
    }
  }
}
