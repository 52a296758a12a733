package dev.quarry.eval.bank;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A loaded query bank.
 *
 * @param source where it came from (a path or a classpath resource name)
 * @param sha256 SHA-256 hex of the bank file's bytes (for Spider banks: of dev.json)
 * @param questions the questions in file order; ids are unique
 */
public record QueryBank(String source, String sha256, List<BankQuestion> questions) {

  /**
   * Copies the list and checks that ids are unique.
   *
   * @throws IllegalArgumentException naming the duplicate id or an empty bank
   */
  public QueryBank {
    questions = List.copyOf(questions);
    if (questions.isEmpty()) {
      throw new IllegalArgumentException("Query bank " + source + " holds no questions");
    }
    Set<String> seen = new HashSet<>();
    for (BankQuestion q : questions) {
      if (!seen.add(q.id())) {
        throw new IllegalArgumentException("Query bank " + source + " repeats the id '" + q.id() + "'");
      }
    }
  }

  /** Convenience for messages: the source as a path when it is one. */
  public Path sourcePath() {
    return Path.of(source);
  }
}
