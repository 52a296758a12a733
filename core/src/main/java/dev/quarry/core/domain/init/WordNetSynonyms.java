package dev.quarry.core.domain.init;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Noun synonyms from WordNet 3.1 (extjwnl, data inside the jar, nothing downloaded): the other lemmas of the
 * word's first noun sense only, and only when that sense is the dominant one (its tagged use count is at least
 * half of all the word's noun uses), so that rare senses ("order" as a religious order) are skipped. Proper nouns
 * (capitalised lemmas) are skipped too. The dictionary loads once per JVM (about a second).
 */
public final class WordNetSynonyms implements Synonyms {

  private static volatile Dictionary dictionary;

  /** The shared instance. */
  public static final WordNetSynonyms INSTANCE = new WordNetSynonyms();

  private WordNetSynonyms() {}

  private static Dictionary dictionary() {
    if (dictionary == null) {
      synchronized (WordNetSynonyms.class) {
        if (dictionary == null) {
          try {
            dictionary = Dictionary.getDefaultResourceInstance();
          } catch (JWNLException e) {
            throw new IllegalStateException("Cannot load the WordNet data from the class path: " + e.getMessage(), e);
          }
        }
      }
    }
    return dictionary;
  }

  @Override
  public List<String> nouns(String noun, int max) {
    List<String> out = new ArrayList<>();
    if (noun.isBlank() || noun.contains(" ") || max <= 0) {
      return out;
    }
    try {
      IndexWord iw = dictionary().getIndexWord(POS.NOUN, noun);
      if (iw == null || iw.getSenses().isEmpty()) {
        return out;
      }
      List<Synset> senses = iw.getSenses();
      Synset first = senses.get(0);
      long firstUses = useCount(first, noun);
      long allUses = 0;
      for (Synset s : senses) {
        allUses += useCount(s, noun);
      }
      if (senses.size() > 1 && (allUses == 0 || firstUses * 2 < allUses)) {
        return out; // no dominant sense: synonyms would as likely be wrong as right
      }
      for (Word w : first.getWords()) {
        String lemma = w.getLemma();
        if (!lemma.equals(lemma.toLowerCase(Locale.ROOT))) {
          continue; // proper noun or acronym
        }
        String phrase = lemma.replace('_', ' ');
        if (!phrase.equals(noun) && !out.contains(phrase) && out.size() < max) {
          out.add(phrase);
        }
      }
    } catch (JWNLException e) {
      return List.of();
    }
    return out;
  }

  private static long useCount(Synset s, String noun) {
    for (Word w : s.getWords()) {
      if (w.getLemma().equalsIgnoreCase(noun)) {
        return w.getUseCount();
      }
    }
    return 0;
  }
}
