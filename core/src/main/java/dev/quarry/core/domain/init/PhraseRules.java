package dev.quarry.core.domain.init;

import dev.quarry.core.domain.ColumnRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generic English rules that {@code quarry domain init} uses to phrase a schema the way people talk about it,
 * from identifiers and values alone (nothing specific to one domain):
 *
 * <ul>
 *   <li>a column named {@code <noun>_name}, {@code _level}, {@code _label}, {@code _title} or {@code _code} is also
 *       called by its noun ({@code store_name} → "store"); a qualified year or date column also "year" / "date";
 *       a noun with a postposed adjective reads in English order ({@code price_net} → "net price");
 *   <li>a count column ({@code <noun>_count}, {@code num_<noun>s}, {@code number_of_<noun>s}) is "number of
 *       &lt;nouns&gt;" and has the unit "&lt;nouns&gt;"; a column naming a unit of measure ({@code days_late},
 *       {@code hours_worked}) has that unit;
 *   <li>string values: the two halves of "X or Y", the distinctive first word when every value is a name of two
 *       or more words with distinct first words ("Acme Corp" → "Acme"), else the initials of a multi-word value
 *       ("Out-of-Network Claim" → "ONC");
 *   <li>small integer codes: "&lt;noun&gt; 3", and for ordinal nouns (level, grade, tier, floor…) "3rd &lt;noun&gt;"
 *       and "third &lt;noun&gt;"; plural nouns "3 &lt;nouns&gt;";
 *   <li>relative years after the year column's qualifier ({@code fiscal_year} → "last fiscal year"), and the
 *       common abbreviations of questions (avg, # of, pct, yr, vs, w/, w/o).
 * </ul>
 */
final class PhraseRules {

  private PhraseRules() {}

  /** Last words that qualify a noun without changing what people call it. */
  private static final Set<String> NOUN_SUFFIXES = Set.of("name", "level", "label", "title", "code");

  /** First words after which the suffix is part of the meaning ({@code first_name} is not "first"). */
  private static final Set<String> MODIFIERS = Set.of("first", "last", "middle", "full", "display", "short", "long",
      "nick", "given", "family", "sur", "legal", "maiden", "user", "file", "host", "domain", "access", "security",
      "priority", "zip", "postal", "area", "error", "status", "type");

  /** Nouns that people count with ordinals ("3rd floor", "second tier"). */
  private static final Set<String> ORDINAL_NOUNS = Set.of("level", "grade", "tier", "rank", "floor", "stage", "round",
      "period", "quarter", "class", "place", "position", "generation", "semester", "term", "week", "month", "year",
      "day", "degree", "edition", "phase", "step", "shift", "lap", "inning", "half");

  /** Units of measure that a column name may carry (as written in the name). */
  private static final Set<String> UNITS = Set.of("days", "hours", "minutes", "seconds", "weeks", "months", "years",
      "dollars", "euros", "cents", "points", "miles", "meters", "kilometers", "km", "kg", "grams", "pounds", "liters",
      "items", "units", "pieces", "visits", "calls", "clicks", "sessions");

  /** Adjectives that identifiers put after their noun ({@code price_net} is the "net price"). */
  private static final Set<String> POSTPOSED_ADJECTIVES = Set.of("numeric", "total", "average", "maximum", "minimum",
      "net", "gross", "final", "initial", "actual", "estimated", "adjusted", "raw", "weighted");

  private static final Set<String> COUNT_WORDS = Set.of("count", "number", "total");

  private static final Set<String> NOT_SHORT_NAMES = Set.of("one", "two", "three", "four", "five", "more", "less",
      "other", "not", "no", "none", "any", "all", "some", "the", "a", "an", "in", "out", "non", "new", "old", "high",
      "low", "first", "second", "third", "last", "next", "general", "special");

  private static final Set<String> FUNCTION_WORDS = Set.of("of", "and", "or", "the", "a", "an", "for", "to", "at",
      "on", "by", "with");

  private static final String[] ORDINAL_WORDS = {"zeroth", "first", "second", "third", "fourth", "fifth", "sixth",
      "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
      "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"};

  /**
   * The noun a column is called by besides its full name, or null: {@code school_name} → "school",
   * {@code grade_level} → "grade"; null for {@code first_name} or one-word names.
   */
  static String shortNoun(String column) {
    List<String> w = Identifiers.words(column);
    if (w.size() < 2 || !NOUN_SUFFIXES.contains(w.get(w.size() - 1)) || MODIFIERS.contains(w.get(0))
        || NOUN_SUFFIXES.contains(w.get(w.size() - 2))) {
      return null;
    }
    return String.join(" ", w.subList(0, w.size() - 1));
  }

  /**
   * Extra phrases of a column after its humanized name: its short noun, "year"/"date" for a qualified year or
   * date column, "number of &lt;nouns&gt;" for a count.
   */
  static List<String> extraColumnPhrases(String column, ColumnRole role) {
    List<String> w = Identifiers.words(column);
    List<String> out = new ArrayList<>();
    String noun = shortNoun(column);
    if (noun != null) {
      out.add(noun);
    }
    String last = w.isEmpty() ? "" : w.get(w.size() - 1);
    if (w.size() > 1 && POSTPOSED_ADJECTIVES.contains(last)) {
      out.add(last + " " + String.join(" ", w.subList(0, w.size() - 1)));
    }
    if (role == ColumnRole.YEAR && w.size() > 1 && last.equals("year")) {
      out.add("year");
    }
    if (role == ColumnRole.DATE && w.size() > 1 && last.equals("date")) {
      out.add("date");
    }
    if (role == ColumnRole.MEASURE) {
      String counted = countedNoun(column);
      if (counted != null) {
        out.add("number of " + counted);
      }
    }
    return out;
  }

  /**
   * What a count column counts, in the plural, or null: {@code student_count} → "students",
   * {@code num_orders} → "orders", {@code number_of_visits} → "visits".
   */
  static String countedNoun(String column) {
    List<String> w = Identifiers.words(column);
    if (w.size() < 2) {
      return null;
    }
    List<String> rest;
    if (w.get(w.size() - 1).equals("count")) {
      rest = w.subList(0, w.size() - 1);
    } else if (COUNT_WORDS.contains(w.get(0)) && !w.get(0).equals("total")) {
      rest = w.subList(w.get(1).equals("of") ? 2 : 1, w.size());
    } else {
      return null;
    }
    if (rest.isEmpty() || rest.contains("id") || rest.contains("ID")) {
      return null;
    }
    String phrase = String.join(" ", rest);
    return Identifiers.isPlural(phrase) ? phrase : Identifiers.plural(phrase);
  }

  /** The unit of a measure column: what a count counts, or a unit word in its name; null when none. */
  static String unit(String column) {
    String counted = countedNoun(column);
    if (counted != null) {
      return counted;
    }
    for (String w : Identifiers.split(column)) {
      if (UNITS.contains(w)) {
        return w;
      }
    }
    return null;
  }

  /**
   * Phrases of the string values of one vocabulary, in value order: each value itself (and its words when it is a
   * code), the halves of "X or Y", the distinctive first word of multi-word names, and initials.
   *
   * @param values the vocabulary's values (all strings)
   * @param codeWords how a value that is a code reads ({@code wrong_item} → "wrong item"); may return the value
   */
  static Map<String, List<String>> stringValuePhrases(List<String> values, java.util.function.Function<String, List<String>> codeWords) {
    Map<String, List<String>> out = new TreeMap<>();
    boolean distinctFirstWords = values.size() > 1;
    Set<String> firsts = new HashSet<>();
    for (String v : values) {
      String[] w = v.trim().split("\\s+");
      if (w.length < 2 || !isNameWord(w[0]) || !firsts.add(w[0].toLowerCase(Locale.ROOT))) {
        distinctFirstWords = false;
      }
    }
    Set<String> taken = new HashSet<>();
    values.forEach(v -> taken.add(v.toLowerCase(Locale.ROOT)));
    Map<String, Integer> initialsCount = new TreeMap<>();
    for (String v : values) {
      String i = initials(v);
      if (i != null) {
        initialsCount.merge(i, 1, Integer::sum);
      }
    }
    for (String v : values) {
      Set<String> p = new LinkedHashSet<>(codeWords.apply(v));
      int or = v.indexOf(" or ");
      if (or > 0) {
        for (String half : List.of(v.substring(0, or).trim(), v.substring(or + 4).trim())) {
          String first = half.split("\\s+")[0];
          if (!half.isEmpty() && isNameWord(first) && !taken.contains(half.toLowerCase(Locale.ROOT))) {
            p.add(half);
          }
        }
      }
      if (distinctFirstWords) {
        String first = v.trim().split("\\s+")[0];
        if (!taken.contains(first.toLowerCase(Locale.ROOT))) {
          p.add(first);
        }
      }
      String i = distinctFirstWords ? null : initials(v); // names go by their first word, not their initials
      if (i != null && initialsCount.get(i) == 1 && !taken.contains(i.toLowerCase(Locale.ROOT))) {
        p.add(i);
      }
      out.put(v, List.copyOf(p));
    }
    return out;
  }

  /** A capitalized word that can stand for a name: letters (and inner hyphens), not a number or function word. */
  private static boolean isNameWord(String w) {
    return w.length() >= 2 && Character.isUpperCase(w.charAt(0)) && w.chars().allMatch(c -> Character.isLetter(c) || c == '-')
        && !NOT_SHORT_NAMES.contains(w.toLowerCase(Locale.ROOT));
  }

  /**
   * The initials of a Title Case value of two to four content words ("Out-of-Network Claim" → "ONC"), or null.
   * Words are split at spaces and hyphens; lower-case function words are skipped.
   */
  static String initials(String value) {
    if (value.contains(" or ")) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (String w : value.trim().split("[\\s-]+")) {
      if (w.isEmpty() || FUNCTION_WORDS.contains(w)) {
        continue;
      }
      if (!Character.isUpperCase(w.charAt(0)) || !w.chars().allMatch(Character::isLetter)) {
        return null;
      }
      sb.append(w.charAt(0));
    }
    return sb.length() >= 2 && sb.length() <= 4 ? sb.toString() : null;
  }

  /**
   * Phrases of a small integer code of a column: "&lt;noun&gt; 3" ("3 &lt;nouns&gt;" for a plural noun), and for an
   * ordinal noun "3rd &lt;noun&gt;" and "third &lt;noun&gt;" (1 to 20).
   *
   * @param noun what the column is called ({@link #shortNoun} or the humanized name)
   */
  static List<String> numberPhrases(long value, String noun) {
    List<String> out = new ArrayList<>();
    boolean plural = Identifiers.isPlural(noun) && !noun.endsWith("ss");
    out.add(plural ? value + " " + noun : noun + " " + value);
    String head = noun.substring(noun.lastIndexOf(' ') + 1);
    if (!plural && ORDINAL_NOUNS.contains(head) && value >= 1 && value <= 20) {
      out.add(ordinalDigits(value) + " " + noun);
      out.add(ORDINAL_WORDS[(int) value] + " " + noun);
    }
    return out;
  }

  /** Whether the phrases of a column with this name read as ordinals ("3rd floor"). */
  static boolean ordinalNoun(String noun) {
    return ORDINAL_NOUNS.contains(noun.substring(noun.lastIndexOf(' ') + 1));
  }

  private static String ordinalDigits(long n) {
    long mod100 = n % 100;
    String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch ((int) (n % 10)) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }

  /** Relative-year phrases (0 = this year, 1 = last year, 2 = two years ago) for the year column. */
  static Map<String, List<String>> relativeYears(String yearColumn) {
    List<String> w = Identifiers.words(yearColumn);
    String q = w.size() > 1 && w.get(w.size() - 1).equals("year") ? String.join(" ", w.subList(0, w.size() - 1)) : null;
    Map<String, List<String>> relative = new TreeMap<>();
    List<String> now = new ArrayList<>(List.of("this year", "the current year"));
    List<String> last = new ArrayList<>(List.of("last year", "the previous year"));
    if (q != null) {
      now.addAll(List.of("this " + q + " year", "the current " + q + " year"));
      last.addAll(List.of("last " + q + " year", "the previous " + q + " year"));
    }
    relative.put("0", List.copyOf(now));
    relative.put("1", List.copyOf(last));
    relative.put("2", List.of("two years ago"));
    return relative;
  }

  /** Abbreviations common in written questions about any data (full form → short forms). */
  static Map<String, List<String>> commonAbbreviations() {
    Map<String, List<String>> out = new TreeMap<>();
    out.put("average", List.of("avg"));
    out.put("number of", List.of("# of", "num of"));
    out.put("percentage", List.of("pct", "%"));
    out.put("percent", List.of("pct", "%"));
    out.put("year", List.of("yr"));
    out.put("compared with", List.of("vs"));
    out.put("versus", List.of("vs"));
    out.put("with", List.of("w/"));
    out.put("without", List.of("w/o"));
    return out;
  }
}
