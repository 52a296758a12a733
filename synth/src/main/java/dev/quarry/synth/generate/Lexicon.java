package dev.quarry.synth.generate;

import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Natural-language vocabulary derived from a {@link Domain}: nouns for table rows, phrases for columns,
 * values, years, numbers and dates. All phrases come from the domain's annotations; the only rules of
 * its own are English morphology (plurals, ordinals, number words) and the optional {@link Style}
 * hints keyed by vocabulary name ({@link #STYLE_HINTS}), which a domain without them does not need.
 */
public final class Lexicon implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How the values of a vocabulary read after a noun: "at Lincoln", "in ninth grade", or only as modifier. */
  public enum Style {
    /** "students at Lincoln Elementary". */
    AT,
    /** "grades in Mathematics". */
    IN,
    /** Only "Lincoln students" / "students with school Lincoln". */
    MODIFIER
  }

  /**
   * Preposition hints per vocabulary name for the built-in education domain; vocabularies not listed
   * read as {@link Style#MODIFIER}, which suits any domain.
   */
  public static final Map<String, Style> STYLE_HINTS =
      Map.of("schools", Style.AT, "grade_levels", Style.IN, "courses", Style.IN, "terms", Style.IN);

  private static final String[] NUMBER_WORDS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"
  };

  private final Domain domain;

  /** Builds the lexicon of a domain. */
  public Lexicon(Domain domain) {
    this.domain = domain;
  }

  /** The domain. */
  public Domain domain() {
    return domain;
  }

  /** The table whose rows are the domain's main entity (students), or null. */
  public Domain.Table entityTable() {
    for (Domain.Table t : domain.tables()) {
      for (String p : t.phrases()) {
        if (domain.entity().phrases().contains(p) && !t.columnsWithRole(ColumnRole.ID).isEmpty()) {
          return t;
        }
      }
    }
    return null;
  }

  /** Whether a table's rows are the main entity. */
  public boolean isEntity(Domain.Table t) {
    Domain.Table e = entityTable();
    return e != null && e.name().equals(t.name());
  }

  /**
   * Plural countable nouns for a table's rows: its phrases that end in "s" and are not phrases of one
   * of its measures (so "absences" never means a row count); falls back to "{first phrase} records".
   */
  public List<String> rowNouns(Domain.Table t) {
    Set<String> measurePhrases = new LinkedHashSet<>();
    for (Domain.Column c : t.columnsWithRole(ColumnRole.MEASURE)) {
      c.phrases().forEach(p -> measurePhrases.add(p.toLowerCase(Locale.ROOT)));
    }
    List<String> out = new ArrayList<>();
    for (String p : t.phrases()) {
      if (p.endsWith("s") && !measurePhrases.contains(p.toLowerCase(Locale.ROOT))) {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      out.add(t.phrases().isEmpty() ? t.name() + " records" : t.phrases().get(0) + " records");
    }
    return out;
  }

  /** Singular of a row noun ("discipline incidents" → "discipline incident"). */
  public static String singular(String plural) {
    if (plural.endsWith("ies")) {
      return plural.substring(0, plural.length() - 3) + "y";
    }
    if (plural.endsWith("ses") || plural.endsWith("xes")) {
      return plural.substring(0, plural.length() - 2);
    }
    return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
  }

  /** Plural of a column phrase ("school" → "schools", "race/ethnicity" → "race/ethnicities"). */
  public static String plural(String s) {
    if (s.endsWith("s") || s.endsWith("x") || s.endsWith("ch") || s.endsWith("sh")) {
      return s + "es";
    }
    if (s.endsWith("y") && s.length() > 1 && "aeiou".indexOf(s.charAt(s.length() - 2)) < 0) {
      return s.substring(0, s.length() - 1) + "ies";
    }
    return s + "s";
  }

  /** Phrases of a column, never empty. */
  public List<String> columnPhrases(Domain.Column c) {
    return c.phrases() == null || c.phrases().isEmpty() ? List.of(c.name().replace('_', ' ')) : c.phrases();
  }

  /** Style of a dimension column's values. */
  public Style style(Domain.Column c) {
    return c.vocabulary() == null ? Style.MODIFIER : STYLE_HINTS.getOrDefault(c.vocabulary(), Style.MODIFIER);
  }

  /** The vocabulary entry of a value, or null. */
  public Domain.VocabEntry entry(Domain.Column c, Object value) {
    if (c.vocabulary() == null) {
      return null;
    }
    for (Domain.VocabEntry e : domain.vocabulary(c.vocabulary())) {
      if (String.valueOf(e.value()).equals(String.valueOf(value))) {
        return e;
      }
    }
    return null;
  }

  /** How people say a value: the vocabulary phrases, else "{column phrase} {value}" for numbers, else the value. */
  public List<String> valuePhrases(Domain.Column c, Object value) {
    Domain.VocabEntry e = entry(c, value);
    if (e != null && e.phrases() != null && !e.phrases().isEmpty()) {
      return e.phrases();
    }
    if (value instanceof Number) {
      return List.of(columnPhrases(c).get(0) + " " + value);
    }
    return List.of(String.valueOf(value));
  }

  /** How people call the entities with a value ("ninth graders"), or an empty list. */
  public List<String> members(Domain.Column c, Object value) {
    Domain.VocabEntry e = entry(c, value);
    return e == null || e.members() == null ? List.of() : e.members();
  }

  /** "2023-24" for "2023-2024"; the year itself when it has no such shape. */
  public static String shortYear(String year) {
    if (year.matches("\\d{4}-\\d{4}")) {
      return year.substring(0, 5) + year.substring(7);
    }
    return year;
  }

  /** Relative phrases for a year ("last year" for the year before the current one), possibly empty. */
  public List<String> relativeYearPhrases(String year) {
    Domain.Years y = domain.years();
    int back = y.currentIndex() - y.values().indexOf(year);
    if (back < 0 || y.relative() == null) {
      return List.of();
    }
    return y.relative().getOrDefault(Integer.toString(back), List.of());
  }

  /** Every phrase that may express a year value: long form, short form and relative phrases. */
  public List<String> yearLiteralPhrases(String year) {
    Set<String> out = new LinkedHashSet<>();
    out.add(year);
    out.add(shortYear(year));
    out.addAll(relativeYearPhrases(year));
    return List.copyOf(out);
  }

  /** Phrases for a number: digits, and the word for 0..12 integers. */
  public static List<String> numberPhrases(Number n) {
    String digits = formatNumber(n);
    if (n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 0 && n.doubleValue() <= 12) {
      return List.of(digits, NUMBER_WORDS[(int) n.doubleValue()]);
    }
    return List.of(digits);
  }

  /** Integers without ".0"; other numbers as plain decimals. */
  public static String formatNumber(Number n) {
    double d = n.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** Phrases of a date: "September 5, 2023", "Sep 5, 2023", "2023-09-05". */
  public static List<String> datePhrases(LocalDate d) {
    String month = d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    String shortMonth = d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    return List.of(month + " " + d.getDayOfMonth() + ", " + d.getYear(),
        shortMonth + " " + d.getDayOfMonth() + ", " + d.getYear(), d.toString());
  }

  /** Phrases of a month {@code YYYY-MM}: "October 2023", "Oct 2023". */
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
