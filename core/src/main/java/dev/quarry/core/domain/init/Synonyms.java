package dev.quarry.core.domain.init;

import java.util.List;

/** Synonyms of a noun, best first; deterministic. */
public interface Synonyms {

  /**
   * Synonyms of {@code noun} (a single lower-case word, singular), excluding the word itself.
   *
   * @param max at most this many
   * @return lower-case synonyms, maybe multi-word; empty when none is known
   */
  List<String> nouns(String noun, int max);

  /** No synonyms at all. */
  Synonyms NONE = (noun, max) -> List.of();
}
