package dev.quarry.synth.generate;

import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.PhraseCatalog;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Natural-language vocabulary derived from a {@link Domain}: nouns for table rows and phrases for columns;
 * the phrases of values, years, numbers and dates come from the shared {@link PhraseCatalog} (which the
 * model's anonymizer reads too). All phrases come from the domain's annotations; the only rules of
 * its own are English morphology (plurals) and the optional {@link Style}
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

  private final Domain domain;
  private final PhraseCatalog catalog;

  /** Builds the lexicon of a domain. */
  public Lexicon(Domain domain) {
    this.domain = domain;
    this.catalog = new PhraseCatalog(domain);
  }

  /** The phrases of the domain's literal values, shared with the model's anonymizer. */
  public PhraseCatalog catalog() {
    return catalog;
  }

  /** The domain. */
  public Domain domain() {
    return domain;
  }

  /** The table whose rows are the domain's main entity (students), or null (also when the domain names none). */
  public Domain.Table entityTable() {
    if (domain.entity() == null || domain.entity().phrases() == null) {
      return null;
    }
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

  /**
   * Whether a measure counts the domain's main entities: its {@code unit} is one of the entity's phrases
   * (education: {@code enrollment.student_count}, unit "students"). A SUM of such a measure answers "how many
   * students …" as well as "what is the total enrollment …".
   */
  public boolean countsEntities(Domain.Column measure) {
    return measure != null && measure.unit() != null && domain.entity() != null
        && domain.entity().phrases().contains(measure.unit());
  }

  /**
   * How one row of {@code t} is called in "by {single} {column}": the domain entity's singular when the domain
   * names an entity with one, else the singular of the table's first row noun ("customers" → "customer").
   */
  public String singularOf(Domain.Table t) {
    if (domain.entity() != null && domain.entity().singular() != null) {
      return domain.entity().singular();
    }
    return singular(rowNouns(t).get(0));
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

  /**
   * Ways to name the two groups of a flag when comparing them ("English learner vs non-EL", "SPED versus everyone
   * else"), from its {@code whenTrue} and {@code whenFalse} phrases; empty for a column without {@code whenTrue}.
   */
  public List<String> versusPhrases(Domain.Column flag) {
    if (flag.whenTrue() == null || flag.whenTrue().isEmpty()) {
      return List.of();
    }
    List<String> no = flag.whenFalse() == null || flag.whenFalse().isEmpty()
        ? List.of("not " + flag.whenTrue().get(0)) : flag.whenFalse();
    List<String> out = new java.util.ArrayList<>();
    for (String yes : flag.whenTrue()) {
      for (String other : no) {
        out.add(yes + " vs " + other);
        out.add(yes + " versus " + other);
      }
      out.add(yes + " vs everyone else");
      out.add(yes + " compared with everyone else");
    }
    return List.copyOf(out);
  }

  /** Style of a dimension column's values. */
  public Style style(Domain.Column c) {
    return c.vocabulary() == null ? Style.MODIFIER : STYLE_HINTS.getOrDefault(c.vocabulary(), Style.MODIFIER);
  }

  /** The vocabulary entry of a value, or null. */
  public Domain.VocabEntry entry(Domain.Column c, Object value) {
    return catalog.entry(c.vocabulary(), value);
  }

  /** How people say a column's value ({@link PhraseCatalog#valuePhrases}). */
  public List<String> valuePhrases(Domain.Column c, Object value) {
    return catalog.valuePhrases(c.vocabulary(), value, columnPhrases(c).get(0));
  }

  /** How people call the entities with a value ("ninth graders"), or an empty list. */
  public List<String> members(Domain.Column c, Object value) {
    return catalog.members(c.vocabulary(), value);
  }
}
