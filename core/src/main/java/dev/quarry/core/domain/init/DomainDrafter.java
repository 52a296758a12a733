package dev.quarry.core.domain.init;

import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.SqlType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Drafts a {@link Domain} from a source ({@code quarry domain init}): reads the schema read-only, profiles every
 * column, infers primary keys, joins ({@link JoinInference}), roles ({@link RoleInference}), vocabularies,
 * the year dimension and phrases ({@link Identifiers}, {@link Synonyms}), and adds descriptions from source
 * comments or a {@link Descriptions} file. Deterministic: the same source gives an equal draft (tables sorted by
 * name, columns in source order, values sorted, no timestamps).
 */
public final class DomainDrafter {

  /** The most distinct values a column may have to become a vocabulary. */
  public static final int VOCABULARY_CAP = 50;

  /** Guesses below this confidence are listed for review. */
  public static final double REVIEW_BELOW = 0.7;

  private final Synonyms synonyms;
  private final RoleInference roles = new RoleInference(VOCABULARY_CAP);

  /** @param synonyms where table and column synonyms come from ({@link WordNetSynonyms#INSTANCE}) */
  public DomainDrafter(Synonyms synonyms) {
    this.synonyms = synonyms;
  }

  /**
   * Drafts the domain of {@code spec}.
   *
   * @param spec the source
   * @param name the domain name (a valid identifier)
   * @param descriptions user-supplied descriptions, or {@link Descriptions#NONE}
   * @return the draft with its warnings and review list
   * @throws DomainInitException for an invalid name or identifier, an unreadable or empty source
   */
  public Draft draft(SourceSpec spec, String name, Descriptions descriptions) {
    if (!Identifiers.isValid(name)) {
      Identifiers.requireValid(List.of(name), "domain name");
    }
    try (SourceCatalog catalog = SourceCatalog.open(spec)) {
      return draft(catalog, name, descriptions);
    }
  }

  /**
   * Drafts the domain of an open source (for sources opened with explicit settings, such as PostgreSQL
   * credentials); the caller closes {@code catalog}.
   *
   * @see #draft(SourceSpec, String, Descriptions)
   */
  public Draft draft(SourceCatalog catalog, String name, Descriptions descriptions) {
    Identifiers.requireValid(List.of(name), "domain name");
    SourceSpec spec = catalog.spec();
    List<SourceTable> source = new ArrayList<>(catalog.tables());
    source.sort(Comparator.comparing(SourceTable::name)); // one order whatever the engine's collation
    if (source.isEmpty()) {
      throw new DomainInitException(InitError.SOURCE_EMPTY, "The source " + spec + " has no tables");
    }
    Identifiers.requireValid(source.stream().map(SourceTable::name).toList(), "table");
    for (SourceTable t : source) {
      Identifiers.requireValid(t.columns().stream().map(SourceTable.SourceColumn::name).toList(),
          "column of table " + t.name());
    }
    List<String> warnings = new ArrayList<>();
    List<ProfiledTable> tables = profile(catalog, source, warnings);
    if (tables.isEmpty()) {
      throw new DomainInitException(InitError.SOURCE_EMPTY,
          "No table of " + spec + " has a column of a supported type (VARCHAR, INTEGER, DOUBLE, BOOLEAN, DATE)");
    }
    JoinInference.Result joins = new JoinInference(catalog.connection()).infer(tables);
    return assemble(spec, name, tables, joins, descriptions, warnings);
  }

  private List<ProfiledTable> profile(SourceCatalog catalog, List<SourceTable> source, List<String> warnings) {
    ColumnProfiler profiler = new ColumnProfiler(catalog.connection(), VOCABULARY_CAP);
    List<ProfiledTable> out = new ArrayList<>();
    for (SourceTable t : source) {
      List<ProfiledTable.Column> cols = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (SourceTable.SourceColumn c : t.columns()) {
        Optional<TypeMapping.Mapped> m = TypeMapping.map(c.nativeType());
        if (m.isEmpty()) {
          skipped.add(t.name() + "." + c.name() + " (" + c.nativeType() + ")");
          continue;
        }
        cols.add(new ProfiledTable.Column(c.name(), m.get().type(), m.get().note(), c.comment(),
            profiler.profile(t.name(), c.name(), m.get().type())));
      }
      if (!skipped.isEmpty()) {
        warnings.add("Skipped columns of unsupported types (lists, structs, maps, blobs, times have no domain type): "
            + String.join(", ", skipped));
      }
      if (cols.isEmpty()) {
        warnings.add("Skipped table " + t.name() + ": none of its columns has a supported type");
        continue;
      }
      long rows = cols.get(0).profile().rows();
      if (rows == 0) {
        warnings.add("Table " + t.name() + " has no rows: its roles are guessed from types and names only and it"
            + " has no vocabularies; check it by hand");
      }
      List<String> pk = t.primaryKey().stream().filter(k -> cols.stream().anyMatch(c -> c.name().equals(k))).toList();
      boolean declared = !pk.isEmpty();
      if (!declared) {
        pk = inferPrimaryKey(t.name(), cols);
      }
      out.add(new ProfiledTable(t.name(), t.comment(), rows, List.copyOf(cols), pk, declared, t.foreignKeys()));
    }
    return out;
  }

  /** A unique, non-null column named {@code id}, {@code <table>_id} or {@code <singular table>_id}. */
  private static List<String> inferPrimaryKey(String table, List<ProfiledTable.Column> cols) {
    for (ProfiledTable.Column c : cols) {
      boolean named = Identifiers.split(c.name()).equals(List.of("id")) || JoinInference.nameMatches(table, "id", c.name());
      if (named && c.profile().unique() && c.type() != SqlType.DOUBLE) {
        return List.of(c.name());
      }
    }
    return List.of();
  }

  private Draft assemble(SourceSpec spec, String name, List<ProfiledTable> tables, JoinInference.Result joinResult,
      Descriptions descriptions, List<String> warnings) {
    List<Domain.Join> joins = joinResult.joins();
    List<String> review = new ArrayList<>();
    Map<String, List<Object>> vocabValues = new TreeMap<>();
    Map<String, SqlType> vocabTypes = new TreeMap<>();
    Map<String, String> vocabColumns = new TreeMap<>();
    Map<String, RoleGuess> guesses = new LinkedHashMap<>();
    Map<String, Integer> yearTables = new TreeMap<>();
    for (ProfiledTable t : tables) {
      for (ProfiledTable.Column c : t.columns()) {
        RoleGuess g = roles.infer(c.name(), c.type(), c.typeNote(), c.profile(), keyReason(t, c.name(), joins));
        guesses.put(t.name() + "." + c.name(), g);
        if (g.role() == ColumnRole.YEAR) {
          yearTables.merge(c.name(), 1, Integer::sum);
        }
      }
    }
    String yearColumn = yearTables.entrySet().stream()
        .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(Map.Entry::getKey).orElse(null);
    Set<String> yearValues = new TreeSet<>();
    Map<String, String> abbreviations = new TreeMap<>();
    List<Domain.Table> out = new ArrayList<>();
    for (ProfiledTable t : tables) {
      abbreviations.putAll(Identifiers.abbreviationsIn(t.name()));
      List<Domain.Column> cols = new ArrayList<>();
      for (ProfiledTable.Column c : t.columns()) {
        abbreviations.putAll(Identifiers.abbreviationsIn(c.name()));
        RoleGuess g = guesses.get(t.name() + "." + c.name());
        if (g.role() == ColumnRole.YEAR && !c.name().equals(yearColumn)) {
          g = new RoleGuess(ColumnRole.DIMENSION, 0.5, g.evidence() + "; another column (" + yearColumn
              + ") is the year dimension, so this one is a dimension");
        }
        if (g.role() == ColumnRole.YEAR) {
          c.profile().values().forEach(v -> yearValues.add(String.valueOf(v)));
        }
        String vocabulary = null;
        if (g.role() == ColumnRole.DIMENSION && !c.profile().values().isEmpty()) {
          vocabulary = c.type() == vocabTypes.getOrDefault(c.name(), c.type()) ? c.name() : t.name() + "_" + c.name();
          List<Object> vs = vocabValues.computeIfAbsent(vocabulary, k -> new ArrayList<>());
          for (Object v : c.profile().values()) {
            if (!vs.contains(v)) {
              vs.add(v);
            }
          }
          vocabTypes.putIfAbsent(vocabulary, c.type());
          vocabColumns.putIfAbsent(vocabulary, c.name());
        }
        String description = descriptions.of(t.name(), c.name()).orElse(c.comment());
        List<String> whenTrue = null;
        List<String> whenFalse = null;
        if (g.role() == ColumnRole.FLAG) {
          String[] tf = flagPhrases(c.name());
          whenTrue = List.of(tf[0]);
          whenFalse = List.of(tf[1]);
        }
        if (g.confidence() < REVIEW_BELOW) {
          review.add(String.format(Locale.ROOT, "%.2f  %s.%s as %s: %s", g.confidence(), t.name(), c.name(),
              g.role().name().toLowerCase(Locale.ROOT), g.evidence()));
        }
        List<String> phrases = g.role() == ColumnRole.FLAG ? List.of(flagPhrases(c.name())[0] + " status")
            : columnPhrases(c.name(), g.role());
        String unit = g.role() == ColumnRole.MEASURE ? PhraseRules.unit(c.name()) : null;
        cols.add(new Domain.Column(c.name(), c.type(), g.role(), vocabulary, phrases, whenTrue,
            whenFalse, unit, null, description, g.evidence(), g.confidence()));
      }
      List<String> sortKey = t.primaryKey().isEmpty() ? cols.stream().map(Domain.Column::name).toList()
          : t.primaryKey();
      String tableDescription = descriptions.of(t.name(), null).orElse(t.comment());
      out.add(new Domain.Table(t.name(), tableDescription, tablePhrases(t, joins), List.copyOf(sortKey),
          List.copyOf(cols), t.primaryKey().isEmpty() ? null : t.primaryKey()));
    }
    for (Domain.Join j : joins) {
      if (j.containment() != null && j.containment() < 1.0) {
        review.add(String.format(Locale.ROOT, "%.2f  join %s.%s -> %s.%s: %s", j.containment(), j.right(),
            j.rightColumn(), j.left(), j.leftColumn(), j.evidence()));
      }
    }
    joinResult.refused().forEach(r -> review.add("not joined: " + r));
    review.sort(Comparator.naturalOrder());
    for (String[] k : descriptions.keys()) {
      boolean found = out.stream().anyMatch(t -> t.name().equalsIgnoreCase(k[0])
          && (k[1].isEmpty() || t.column(k[1]).isPresent()));
      if (!found) {
        warnings.add("The descriptions file names " + (k[1].isEmpty() ? "table " + k[0] : k[0] + "." + k[1])
            + ", which the source does not have (or whose type is not supported)");
      }
    }
    Domain.Table main = entityTable(out, joins);
    String entityPlural = main.phrases().get(0);
    Map<String, List<Domain.VocabEntry>> vocabularies = new TreeMap<>();
    vocabValues.forEach((v, values) -> {
      values.sort(ColumnProfiler.VALUE_ORDER);
      String column = vocabColumns.get(v);
      boolean ofEntity = main.column(column).isPresent();
      vocabularies.put(v, vocabularyEntries(values, column, ofEntity ? entityPlural : null));
    });
    Domain.Years years = null;
    if (yearColumn != null && !yearValues.isEmpty()) {
      List<String> values = List.copyOf(yearValues);
      Map<String, List<String>> relative = PhraseRules.relativeYears(yearColumn);
      years = new Domain.Years(yearColumn, values, values.get(values.size() - 1), relative);
    } else if (yearColumn != null) {
      warnings.add("The year column " + yearColumn + " has no values: no years section was written");
    }
    Map<String, List<String>> abbrev = new TreeMap<>(PhraseRules.commonAbbreviations());
    abbreviations.forEach((full, shortForm) -> {
      if (!full.equals(full.toUpperCase(Locale.ROOT))) {
        abbrev.put(full, List.of(shortForm));
      }
    });
    String singular = Identifiers.singular(Identifiers.humanize(main.name()));
    Domain.Entity entity = new Domain.Entity(main.phrases(), singular);
    // The description goes into every training prompt (SchemaPrompt): it names the tables, never the source (kind,
    // file, host), so the same data gives the same dataset from SQLite, PostgreSQL or a copy under another name. The
    // source is recorded in the file's "source" field.
    String description = "Imported database with the tables "
        + String.join(", ", out.stream().map(Domain.Table::name).toList()) + ".";
    Domain domain = new Domain(name, description, null, entity, years, List.copyOf(out), joins, vocabularies, null,
        abbrev, spec.toString());
    return new Draft(domain, List.copyOf(warnings), List.copyOf(review));
  }

  /** Why a column is a key, or null: primary key, declared foreign key, or a join column. */
  private static String keyReason(ProfiledTable t, String column, List<Domain.Join> joins) {
    if (t.primaryKey().contains(column)) {
      return (t.primaryKeyDeclared() ? "declared" : "inferred (unique, identifier-like name)") + " primary key";
    }
    for (Domain.Join j : joins) {
      if (j.right().equals(t.name()) && j.rightColumn().equals(column)) {
        return "refers to " + j.left() + "." + j.leftColumn() + " (" + (j.containment() == null ? "declared foreign key"
            : "inferred join") + ")";
      }
    }
    return null;
  }

  /** The table most other tables refer to (ties: first by name); the first table when none is referred to. */
  private static Domain.Table entityTable(List<Domain.Table> tables, List<Domain.Join> joins) {
    Domain.Table best = tables.get(0);
    long bestCount = -1;
    for (Domain.Table t : tables) {
      long n = joins.stream().filter(j -> j.left().equals(t.name())).count();
      if (n > bestCount) {
        best = t;
        bestCount = n;
      }
    }
    return best;
  }

  /**
   * A table's phrases: its name in the plural, the name as written (a mass noun such as "inventory") and, when
   * written in the singular, "&lt;name&gt; records", what its
   * own unique key counts ({@code incident_id} in {@code discipline}: "incidents"), and WordNet synonyms.
   */
  private List<String> tablePhrases(ProfiledTable t, List<Domain.Join> joins) {
    String table = t.name();
    String singular = Identifiers.singular(Identifiers.humanize(table));
    Set<String> out = new LinkedHashSet<>();
    out.add(Identifiers.plural(singular));
    String written = Identifiers.humanize(table);
    out.add(written);
    if (!Identifiers.isPlural(written)) {
      out.add(written + " records"); // a table named in the singular is often a mass noun: "inventory records"
    }
    for (ProfiledTable.Column c : t.columns()) {
      List<String> w = Identifiers.words(c.name());
      boolean foreign = joins.stream().anyMatch(j -> j.right().equals(table) && j.rightColumn().equals(c.name()));
      if (w.size() > 1 && w.get(w.size() - 1).equals("ID") && c.profile().unique() && !foreign
          && c.type() != SqlType.DOUBLE) {
        String noun = String.join(" ", w.subList(0, w.size() - 1));
        if (!Identifiers.singular(noun).equals(singular)) {
          out.add(Identifiers.plural(Identifiers.singular(noun)));
        }
        break;
      }
    }
    for (String s : synonyms.nouns(singular, 2)) {
      out.add(Identifiers.plural(s));
    }
    return List.copyOf(out);
  }

  private List<String> columnPhrases(String column, ColumnRole role) {
    String h = Identifiers.humanize(column);
    Set<String> out = new LinkedHashSet<>();
    out.add(h);
    out.addAll(PhraseRules.extraColumnPhrases(column, role));
    if (!h.contains(" ")) {
      out.addAll(synonyms.nouns(h.toLowerCase(Locale.ROOT), 2));
    }
    return List.copyOf(out);
  }

  /** {@code is_active} → [active, not active]; {@code has_discount} → [with discount, without discount]. */
  static String[] flagPhrases(String column) {
    List<String> w = Identifiers.words(column);
    if (w.size() > 1 && (w.get(0).equals("is") || w.get(0).equals("was"))) {
      String rest = String.join(" ", w.subList(1, w.size()));
      return new String[] {rest, "not " + rest};
    }
    if (w.size() > 1 && w.get(0).equals("has")) {
      String rest = String.join(" ", w.subList(1, w.size()));
      return new String[] {"with " + rest, "without " + rest};
    }
    String all = String.join(" ", w);
    return new String[] {all, "not " + all};
  }

  /**
   * The entries of one vocabulary (values sorted): string values with {@link PhraseRules#stringValuePhrases}, small
   * integers with {@link PhraseRules#numberPhrases} after the column's noun; members ("3rd level customers") for
   * ordinal codes of a column of the entity table.
   *
   * @param entityPlural the entity's plural noun when the column is one of the entity table's, else null
   */
  private static List<Domain.VocabEntry> vocabularyEntries(List<Object> values, String column, String entityPlural) {
    List<Domain.VocabEntry> entries = new ArrayList<>();
    if (!values.isEmpty() && values.stream().allMatch(v -> v instanceof String)) {
      Map<String, List<String>> phrases = PhraseRules.stringValuePhrases(
          values.stream().map(String::valueOf).toList(), DomainDrafter::valuePhrases);
      for (Object value : values) {
        entries.add(new Domain.VocabEntry(value, phrases.get((String) value), null));
      }
      return List.copyOf(entries);
    }
    String shortNoun = PhraseRules.shortNoun(column);
    String noun = shortNoun != null ? shortNoun : Identifiers.humanize(column);
    boolean ordinal = PhraseRules.ordinalNoun(noun);
    for (Object value : values) {
      if (value instanceof Long || value instanceof Integer) {
        long n = ((Number) value).longValue();
        List<String> p = PhraseRules.numberPhrases(n, noun);
        List<String> members = null;
        if (entityPlural != null && ordinal && p.size() > 1) {
          members = p.subList(1, p.size()).stream().map(x -> x + " " + entityPlural).toList();
        }
        entries.add(new Domain.VocabEntry(value, p, members));
      } else {
        entries.add(new Domain.VocabEntry(value, valuePhrases(value), null));
      }
    }
    return List.copyOf(entries);
  }

  /** A value as people say it: itself, and its words when it is a snake_case or UPPER code. */
  private static List<String> valuePhrases(Object value) {
    String s = String.valueOf(value);
    Set<String> out = new LinkedHashSet<>();
    out.add(s);
    if (value instanceof String && Identifiers.isValid(s) && (s.contains("_") || s.equals(s.toUpperCase(Locale.ROOT))
        && s.length() > 3)) {
      out.add(String.join(" ", Identifiers.split(s)));
    }
    return List.copyOf(out);
  }
}
