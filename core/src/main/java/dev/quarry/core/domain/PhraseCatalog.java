package dev.quarry.core.domain;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one source of how a domain's literal values are said in English: value phrases and member nouns
 * from the vocabularies of {@code domain.json}, school years in long, short and relative form, dates,
 * months and numbers.
 *
 * <p>Two modules read it in opposite directions. Synthesis (synth's {@code Lexicon}) writes these phrases
 * into questions; the model's literal anonymizer (train-job's {@code LiteralAnonymizer}) recognizes them in a
 * question and replaces each by a typed placeholder. Because both read this class, a phrasing added here
 * is written and recognized together; train-job's {@code PhraseCatalogRoundTripTest} checks every phrase of
 * the education domain's catalog against the anonymizer.
 *
 * <p>Which forms the anonymizer leaves to the model on purpose is part of the contract
 * ({@link #NOT_ANONYMIZED}): relative years ("last year") and number words ("three") have a closed value
 * set the model learns as words. Thread-safe and serializable (Beam ships it inside DoFns).
 */
public final class PhraseCatalog implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The phrase kinds that are written into questions but deliberately not anonymized. */
  public static final Set<String> NOT_ANONYMIZED = Set.of("relative year", "number word");

  private static final String[] NUMBER_WORDS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"
  };

  /**
   * One way to say a string value of a vocabulary.
   *
   * @param phrase the words as they appear in a question, e.g. "Lincoln", "freshmen", "OSS"
   * @param vocabulary the vocabulary name, e.g. {@code schools}
   * @param value the value as stored in the data, e.g. "Lincoln Elementary"
   */
  public record ValueForm(String phrase, String vocabulary, String value) implements Serializable {}

  private final Domain domain;

  /** The catalog of {@code domain}. */
  public PhraseCatalog(Domain domain) {
    this.domain = domain;
  }

  /** The domain it describes. */
  public Domain domain() {
    return domain;
  }

  /** The vocabulary entry of {@code value} in vocabulary {@code vocabulary}, or null (also for a null name). */
  public Domain.VocabEntry entry(String vocabulary, Object value) {
    if (vocabulary == null) {
      return null;
    }
    for (Domain.VocabEntry e : domain.vocabulary(vocabulary)) {
      if (String.valueOf(e.value()).equals(String.valueOf(value))) {
        return e;
      }
    }
    return null;
  }

  /**
   * How people say a value of a column: its vocabulary phrases, else "{column phrase} {value}" for numbers
   * ("grade 9"), else the value itself. Never empty.
   *
   * @param columnPhrase the column's first phrase, used only for numbers without vocabulary phrases
   */
  public List<String> valuePhrases(String vocabulary, Object value, String columnPhrase) {
    Domain.VocabEntry e = entry(vocabulary, value);
    if (e != null && e.phrases() != null && !e.phrases().isEmpty()) {
      return e.phrases();
    }
    if (value instanceof Number) {
      return List.of(columnPhrase + " " + value);
    }
    return List.of(String.valueOf(value));
  }

  /** How people call the entities that have a value ("ninth graders", "freshmen"); possibly empty. */
  public List<String> members(String vocabulary, Object value) {
    Domain.VocabEntry e = entry(vocabulary, value);
    return e == null || e.members() == null ? List.of() : e.members();
  }

  /**
   * Every form of every string-valued vocabulary entry: its phrases, its member nouns and the value itself,
   * in the order of the domain file (vocabularies by name order of the file, entries in order). Number-valued
   * entries are left out: their digits are numbers wherever they occur.
   */
  public List<ValueForm> stringValueForms() {
    List<ValueForm> out = new ArrayList<>();
    for (Map.Entry<String, List<Domain.VocabEntry>> v : domain.vocabularies().entrySet()) {
      for (Domain.VocabEntry e : v.getValue()) {
        if (!(e.value() instanceof String s)) {
          continue;
        }
        Set<String> forms = new LinkedHashSet<>(e.phrases() == null ? List.of() : e.phrases());
        if (e.members() != null) {
          forms.addAll(e.members());
        }
        forms.add(s);
        forms.forEach(f -> out.add(new ValueForm(f, v.getKey(), s)));
      }
    }
    return out;
  }

  /** The domain's school years in data order ("2021-2022", …); empty when it declares none. */
  public List<String> years() {
    return domain.years() == null || domain.years().values() == null ? List.of() : domain.years().values();
  }

  /** "2023-24" for "2023-2024"; the year itself when it has no such shape. */
  public static String shortYear(String year) {
    if (year.matches("\\d{4}-\\d{4}")) {
      return year.substring(0, 5) + year.substring(7);
    }
    return year;
  }

  /**
   * Relative phrases for a year, counted back from the domain's current year ("last year" for the year
   * before it); empty for years after the current one or with no phrase declared.
   */
  public List<String> relativeYearPhrases(String year) {
    Domain.Years y = domain.years();
    if (y == null || y.relative() == null) {
      return List.of();
    }
    int back = y.currentIndex() - y.values().indexOf(year);
    if (back < 0) {
      return List.of();
    }
    return y.relative().getOrDefault(Integer.toString(back), List.of());
  }

  /** The written forms of a year that name it by its digits: "2023-2024", "2023-24". */
  public static List<String> writtenYearPhrases(String year) {
    Set<String> out = new LinkedHashSet<>();
    out.add(year);
    out.add(shortYear(year));
    return List.copyOf(out);
  }

  /** Every phrase that may express a year value: its written forms, then its relative phrases. */
  public List<String> yearPhrases(String year) {
    Set<String> out = new LinkedHashSet<>(writtenYearPhrases(year));
    out.addAll(relativeYearPhrases(year));
    return List.copyOf(out);
  }

  /** Phrases for a number: its digits ({@link #formatNumber}), and the word for integers 0..12. */
  public static List<String> numberPhrases(Number n) {
    String digits = formatNumber(n);
    if (n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 0 && n.doubleValue() <= 12) {
      return List.of(digits, NUMBER_WORDS[(int) n.doubleValue()]);
    }
    return List.of(digits);
  }

  /** Integers without ".0"; other numbers as plain decimals without trailing zeros ("2.5", never "2.50"). */
  public static String formatNumber(Number n) {
    double d = n.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** Phrases of a date: "September 5, 2023", "Sep 5, 2023", "2023-09-05". */
  public static List<String> datePhrases(LocalDate d) {
    String month = d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    String shortMonth = d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    return List.of(month + " " + d.getDayOfMonth() + ", " + d.getYear(),
        shortMonth + " " + d.getDayOfMonth() + ", " + d.getYear(), d.toString());
  }

  /**
   * Phrases of a month: "October 2023", "Oct 2023" (the short form only where it differs).
   *
   * @param yearMonth {@code YYYY-MM}
   * @throws java.time.format.DateTimeParseException if it has another shape
   */
  public static List<String> monthPhrases(String yearMonth) {
    LocalDate d = LocalDate.parse(yearMonth + "-01");
    String month = d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    String shortMonth = d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    List<String> out = new ArrayList<>(List.of(month + " " + d.getYear()));
    if (!shortMonth.equals(month)) {
      out.add(shortMonth + " " + d.getYear());
    }
    return out;
  }
}
