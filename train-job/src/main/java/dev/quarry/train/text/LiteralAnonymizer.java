package dev.quarry.train.text;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.PhraseCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholder anonymization of literals (the route chosen instead of a copy/pointer network): the
 * literal values of a question are replaced by typed placeholders before the model sees it, the model
 * writes the placeholders into the SQL, and {@link #restore} puts the exact SQL literals back. The idea
 * is the "anonymized" setting of Finegan-Dollak et al. 2018, "Improving Text-to-SQL Evaluation
 * Methodology" (ACL).
 *
 * <p>The phrases it recognizes are those the shared {@link PhraseCatalog} writes (value forms, written school
 * years, dates, months, digits); {@code PhraseCatalogRoundTripTest} checks every one. Only the question is
 * known at inference, so detection works on the question alone:
 *
 * <ul>
 *   <li>{@code <date_n>}: ISO dates {@code 2024-01-15} → {@code '2024-01-15'}
 *   <li>{@code <year_n>}: school years {@code 2023-24}, {@code 2023-2024}, {@code 2023/24}, {@code SY2023-24} →
 *       {@code '2023-2024'}; the short forms {@code 23-24}, {@code SY 23-24}, {@code '23-'24} only when the domain
 *       declares that school year (so a range such as "grades 3-5" or "21-23" stays numbers)
 *   <li>{@code <month_n>}: {@code Jan 2022}, {@code January 2022} → {@code '2022-01'}
 *   <li>{@code <num_n>}: numbers, also with ordinal suffix ({@code 6th} → {@code 6})
 *   <li>{@code <vocabulary_n>}: any phrase or member phrase of a string-valued domain vocabulary (longest
 *       first, whole words, case-insensitive; all-capital abbreviations such as {@code OSS} case-sensitive,
 *       other phrases shorter than 3 characters ignored); dates also as {@code September 19, 2022} → the quoted vocabulary value
 * </ul>
 *
 * Relative years ("last year") and number words ("ten") are not anonymized
 * ({@link PhraseCatalog#NOT_ANONYMIZED}): their value set is closed and the model learns them. Two mentions of the same SQL literal share one placeholder. Thread-safe.
 */
public final class LiteralAnonymizer {

  private static final Pattern DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  private static final Pattern YEAR = Pattern.compile("(?:\\bSY ?|\\b)(\\d{4})[-/](\\d{4}|\\d{2})\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SHORT_YEAR = Pattern.compile("(?:\\bSY ?|\\b)'?(\\d{2})[-/]'?(\\d{2})\\b",
      Pattern.CASE_INSENSITIVE);
  private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july",
      "august", "september", "october", "november", "december"};
  private static final Pattern MONTH = Pattern.compile(
      "\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august"
          + "|september|october|november|december)\\.? (\\d{4})\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern LONG_DATE = Pattern.compile(
      "\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august"
          + "|september|october|november|december)\\.? (\\d{1,2}),? (\\d{4})\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.<])(\\d+(?:\\.\\d+)?)(?:st|nd|rd|th)?\\b");

  private record Phrase(Pattern pattern, String type, String sqlToken) {}

  private final List<Phrase> phrases = new ArrayList<>();
  private final java.util.Set<String> schoolYears = new java.util.HashSet<>();

  /**
   * Builds the phrase table from the string-valued vocabulary forms of the domain's {@link PhraseCatalog}, the
   * same catalog synthesis writes questions from.
   */
  public LiteralAnonymizer(Domain domain) {
    this(new PhraseCatalog(domain));
  }

  /** Builds the phrase table from {@code catalog}'s string-valued vocabulary forms and school years. */
  public LiteralAnonymizer(PhraseCatalog catalog) {
    schoolYears.addAll(catalog.years());
    List<String[]> all = new ArrayList<>();
    for (PhraseCatalog.ValueForm f : catalog.stringValueForms()) {
      String form = f.phrase();
      boolean caps = form.equals(form.toUpperCase(Locale.ROOT)) && form.length() >= 2;
      if (form.length() >= 3 || caps) {
        all.add(new String[] {form, f.vocabulary(), "'" + f.value().replace("'", "''") + "'"});
      }
    }
    all.sort(Comparator.comparingInt((String[] a) -> -a[0].length()).thenComparing(a -> a[0]));
    for (String[] a : all) {
      boolean caps = a[0].equals(a[0].toUpperCase(Locale.ROOT)) && a[0].chars().anyMatch(Character::isLetter);
      int flags = caps ? 0 : Pattern.CASE_INSENSITIVE;
      phrases.add(new Phrase(Pattern.compile("(?<![\\w-])" + Pattern.quote(a[0]) + "(?![\\w])", flags), a[1], a[2]));
    }
  }

  /** Replaces the literals of {@code question} by placeholders. */
  public Anonymized anonymize(String question) {
    StringBuilder text = new StringBuilder(question);
    Map<String, QuestionLiteral> bySql = new LinkedHashMap<>();
    Map<String, Integer> counters = new LinkedHashMap<>();
    List<int[]> taken = new ArrayList<>();
    List<Object[]> found = new ArrayList<>(); // start, end, type, sqlToken
    scan(question, DATE, taken, found, m -> new String[] {"date", "'" + m.group() + "'"});
    scan(question, LONG_DATE, taken, found, m -> {
      int month = monthIndex(m.group(1));
      return new String[] {"date", String.format(Locale.ROOT, "'%s-%02d-%02d'", m.group(3), month,
          Integer.parseInt(m.group(2)))};
    });
    scan(question, YEAR, taken, found, m -> {
      int a = Integer.parseInt(m.group(1));
      String b = m.group(2);
      int end = b.length() == 2 ? (a / 100) * 100 + Integer.parseInt(b) : Integer.parseInt(b);
      return end == a + 1 ? new String[] {"year", "'" + a + "-" + end + "'"} : null;
    });
    scan(question, SHORT_YEAR, taken, found, m -> {
      int a = 2000 + Integer.parseInt(m.group(1));
      int b = 2000 + Integer.parseInt(m.group(2));
      String year = a + "-" + b;
      return b == a + 1 && schoolYears.contains(year) ? new String[] {"year", "'" + year + "'"} : null;
    });
    scan(question, MONTH, taken, found, m -> {
      return new String[] {"month", String.format(Locale.ROOT, "'%s-%02d'", m.group(2), monthIndex(m.group(1)))};
    });
    for (Phrase p : phrases) {
      scan(question, p.pattern(), taken, found, m -> new String[] {p.type(), p.sqlToken()});
    }
    scan(question, NUMBER, taken, found, m -> new String[] {"num", canonicalNumber(m.group(1))});
    found.sort(Comparator.comparingInt(o -> (Integer) o[0]));
    for (Object[] f : found) {
      String sql = (String) f[3];
      if (!bySql.containsKey(sql)) {
        int n = counters.merge((String) f[2], 1, Integer::sum);
        bySql.put(sql, new QuestionLiteral("<" + f[2] + "_" + n + ">", sql,
            question.substring((Integer) f[0], (Integer) f[1])));
      }
    }
    for (int i = found.size() - 1; i >= 0; i--) {
      Object[] f = found.get(i);
      text.replace((Integer) f[0], (Integer) f[1], bySql.get((String) f[3]).placeholder());
    }
    return new Anonymized(text.toString(), new ArrayList<>(bySql.values()));
  }

  /** Replaces SQL tokens equal to a literal's SQL token by its placeholder. */
  public static List<String> anonymizeSql(List<String> sqlTokens, List<QuestionLiteral> literals) {
    Map<String, String> map = new LinkedHashMap<>();
    literals.forEach(l -> map.put(l.sqlToken(), l.placeholder()));
    List<String> out = new ArrayList<>(sqlTokens.size());
    for (String t : sqlTokens) {
      String key = Character.isDigit(t.charAt(0)) ? canonicalNumber(t) : t;
      out.add(map.getOrDefault(key, t));
    }
    return out;
  }

  /** Replaces placeholders by their SQL tokens; unknown placeholders are left as they are. */
  public static List<String> restore(List<String> sqlTokens, List<QuestionLiteral> literals) {
    Map<String, String> map = new LinkedHashMap<>();
    literals.forEach(l -> map.put(l.placeholder(), l.sqlToken()));
    List<String> out = new ArrayList<>(sqlTokens.size());
    for (String t : sqlTokens) {
      out.add(map.getOrDefault(t, t));
    }
    return out;
  }

  /** True if {@code t} is a quoted string or number token (a literal the SQL carries). */
  public static boolean isLiteralToken(String t) {
    return t.startsWith("'") || Character.isDigit(t.charAt(0));
  }

  private static int monthIndex(String name) {
    String n = name.toLowerCase(Locale.ROOT).substring(0, 3);
    for (int i = 0; i < MONTHS.length; i++) {
      if (MONTHS[i].startsWith(n)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("not a month: " + name);
  }

  private static String canonicalNumber(String s) {
    return s;
  }

  private interface Classifier {
    String[] classify(Matcher m);
  }

  private static void scan(String q, Pattern p, List<int[]> taken, List<Object[]> found, Classifier c) {
    Matcher m = p.matcher(q);
    while (m.find()) {
      int s = m.start();
      int e = m.end();
      boolean overlaps = taken.stream().anyMatch(r -> s < r[1] && e > r[0]);
      if (overlaps) {
        continue;
      }
      String[] kind = c.classify(m);
      if (kind == null) {
        continue;
      }
      taken.add(new int[] {s, e});
      found.add(new Object[] {s, e, kind[0], kind[1]});
    }
  }
}
