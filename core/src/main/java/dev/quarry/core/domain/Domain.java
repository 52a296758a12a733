package dev.quarry.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A domain description: the schema, the vocabularies and the natural-language annotations of one
 * organisation's data, read from {@code data/domains/<name>/domain.json} by both the seed-generator
 * and synth, so that a second domain needs no pipeline code change.
 *
 * <p>Immutable and {@link Serializable} so that it can be captured by Beam DoFns. Load it with
 * {@link DomainLoader}; the loader validates the cross references (vocabulary names, join columns).
 *
 * @param name short identifier, e.g. {@code education}
 * @param description one sentence for people and for the schema prompt
 * @param generator id of the seed generator that simulates this domain (e.g. {@code education})
 * @param entity how people call the main entity (e.g. students: "kids", "pupils")
 * @param years the year column, its values in chronological order and relative-year phrases
 * @param tables tables in a fixed order; column order is the order in the Parquet files
 * @param joins equi-join paths between tables
 * @param vocabularies named value lists with their phrases, referenced by {@link Column#vocabulary()}
 * @param simulation generator-specific parameters, interpreted by the generator named above
 * @param abbreviations how staff shorten words in questions: a word or phrase → its short forms (e.g.
 *     {@code "average": ["avg"]}); synth writes some questions with them. Optional (empty when absent)
 * @param source where the data of an imported domain lives ({@code duckdb:PATH}, {@code sqlite:PATH},
 *     {@code parquet:DIR}, {@code csv:DIR}), as written by {@code quarry domain init}; null for built-in domains
 *     whose data a seed generator makes
 * @param bank the domain's query bank, which {@code quarry eval} and {@code quarry run} use when no {@code --bank} is
 *     given; null when the file declares none (written by hand: {@code quarry domain init} does not know one). Its
 *     path is resolved against the domain file's folder by {@link DomainLoader}
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Domain(
    String name,
    String description,
    String generator,
    Entity entity,
    Years years,
    List<Table> tables,
    List<Join> joins,
    Map<String, List<VocabEntry>> vocabularies,
    JsonNode simulation,
    Map<String, List<String>> abbreviations,
    String source,
    Bank bank)
    implements Serializable {

  /** Without a query bank. */
  public Domain(String name, String description, String generator, Entity entity, Years years, List<Table> tables,
      List<Join> joins, Map<String, List<VocabEntry>> vocabularies, JsonNode simulation,
      Map<String, List<String>> abbreviations, String source) {
    this(name, description, generator, entity, years, tables, joins, vocabularies, simulation, abbreviations, source,
        null);
  }

  /** Without a source: a domain whose data a seed generator makes. */
  public Domain(String name, String description, String generator, Entity entity, Years years, List<Table> tables,
      List<Join> joins, Map<String, List<VocabEntry>> vocabularies, JsonNode simulation,
      Map<String, List<String>> abbreviations) {
    this(name, description, generator, entity, years, tables, joins, vocabularies, simulation, abbreviations, null,
        null);
  }

  /** Without abbreviations. */
  public Domain(String name, String description, String generator, Entity entity, Years years, List<Table> tables,
      List<Join> joins, Map<String, List<VocabEntry>> vocabularies, JsonNode simulation) {
    this(name, description, generator, entity, years, tables, joins, vocabularies, simulation, Map.of(), null,
        null);
  }

  /** Replaces an absent abbreviation map by an empty one. */
  public Domain {
    abbreviations = abbreviations == null ? Map.of() : Map.copyOf(abbreviations);
  }

  private static final long serialVersionUID = 1L;

  /** This domain with {@code bank} as its query bank. */
  public Domain withBank(Bank bank) {
    return new Domain(name, description, generator, entity, years, tables, joins, vocabularies, simulation,
        abbreviations, source, bank);
  }

  /** Returns the table named {@code name} (case-insensitive) if the domain has it. */
  public Optional<Table> table(String name) {
    return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  /** Returns the table named {@code name}; throws {@link IllegalArgumentException} if unknown. */
  public Table requireTable(String name) {
    return table(name)
        .orElseThrow(() -> new IllegalArgumentException("Domain '" + this.name + "' has no table '" + name + "'"));
  }

  /** Returns the vocabulary named {@code name}; throws {@link IllegalArgumentException} if unknown. */
  public List<VocabEntry> vocabulary(String name) {
    List<VocabEntry> v = vocabularies.get(name);
    if (v == null) {
      throw new IllegalArgumentException("Domain '" + this.name + "' has no vocabulary '" + name + "'");
    }
    return v;
  }

  /** Returns the table names in declaration order. */
  public List<String> tableNames() {
    List<String> names = new ArrayList<>();
    tables.forEach(t -> names.add(t.name()));
    return names;
  }

  /**
   * The query bank a domain file declares, as an object, {@code "bank": {"path": "bank.csv", "db": "shop"}}, or, when
   * it needs no {@code db}, as the path alone, {@code "bank": "bank.jsonl"} (the same as
   * {@code "bank": {"path": "bank.jsonl"}}). Any other JSON value (a number, an array, a boolean) is refused.
   *
   * @param path the bank file: {@code .jsonl} (Quarry), {@code .json} (Spider, with {@code tables.json} beside it) or
   *     {@code .csv} (defog sql-eval); relative paths are resolved against the domain file's folder when the file is
   *     loaded, so {@link Domain#bank()} holds the absolute path
   * @param db for Spider and defog banks: keep only this {@code db_id}/{@code db_name} ({@code --bank-db}); null for
   *     all
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Bank(String path, String db) implements Serializable {

    /** The object form, {@code {"path": …, "db": …}} ({@code db} optional); no other member is allowed. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public Bank {}

    /**
     * The short form, {@code "bank": "bank.jsonl"}: the bank at {@code path}, every {@code db}.
     *
     * @param path the bank file, as in the object form's {@code path}
     * @return {@code new Bank(path, null)}
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Bank of(String path) {
      return new Bank(path, null);
    }
  }

  /** How people name the main entity of the domain. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Entity(List<String> phrases, String singular) implements Serializable {}

  /**
   * The year dimension. Null in an imported domain that has no year-like column.
   *
   * @param column column name carrying the year in every table that has one
   * @param values year values in chronological order
   * @param current the current year (one of {@code values})
   * @param relative phrases for years before the current one, keyed by how many years back ("0", "1", …)
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Years(String column, List<String> values, String current, Map<String, List<String>> relative)
      implements Serializable {

    /** Index of the current year in {@link #values()}. */
    public int currentIndex() {
      return values.indexOf(current);
    }
  }

  /**
   * One table.
   *
   * @param name SQL name
   * @param description one sentence
   * @param phrases how people call its rows
   * @param sortKey columns by which rows are sorted in the Parquet files
   * @param columns columns in file order
   * @param primaryKey the primary key columns (declared in the source, or inferred by {@code quarry domain init}),
   *     or null when unknown
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Table(String name, String description, List<String> phrases, List<String> sortKey, List<Column> columns,
      List<String> primaryKey)
      implements Serializable {

    /** Without a primary key. */
    public Table(String name, String description, List<String> phrases, List<String> sortKey, List<Column> columns) {
      this(name, description, phrases, sortKey, columns, null);
    }

    /** Returns the column named {@code name} (case-insensitive) if present. */
    public Optional<Column> column(String name) {
      return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Returns the columns with the given role, in file order. */
    public List<Column> columnsWithRole(ColumnRole role) {
      return columns.stream().filter(c -> c.role() == role).toList();
    }

    /** Returns the column names in file order. */
    public List<String> columnNames() {
      return columns.stream().map(Column::name).toList();
    }
  }

  /**
   * One column.
   *
   * @param name SQL name
   * @param type SQL type
   * @param role what the column is for in questions
   * @param vocabulary name of the vocabulary holding its values, for dimensions with a closed set
   * @param phrases how people call the column
   * @param whenTrue for flags: adjectives for rows where the flag is true ("chronically absent")
   * @param whenFalse for flags: adjectives for rows where the flag is false
   * @param unit for measures: the unit in words ("days")
   * @param range for measures: the inclusive value range [min, max], or null
   * @param description what the column holds, in one sentence (a source comment or a descriptions file), or null
   * @param evidence why {@code quarry domain init} chose the role (type, cardinality, uniqueness, name), or null
   *     in hand-written domains
   * @param confidence how sure {@code quarry domain init} was of the role, 0..1, or null in hand-written domains
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Column(
      String name,
      SqlType type,
      ColumnRole role,
      String vocabulary,
      List<String> phrases,
      List<String> whenTrue,
      List<String> whenFalse,
      String unit,
      List<Double> range,
      String description,
      String evidence,
      Double confidence)
      implements Serializable {

    /** Without the annotations that {@code quarry domain init} records. */
    public Column(String name, SqlType type, ColumnRole role, String vocabulary, List<String> phrases,
        List<String> whenTrue, List<String> whenFalse, String unit, List<Double> range) {
      this(name, type, role, vocabulary, phrases, whenTrue, whenFalse, unit, range, null, null, null);
    }
  }

  /**
   * An equi-join between two tables: {@code left.on = right.on}, or {@code left.on = right.rightOn} when the
   * column has another name in the right table (a foreign key such as {@code orders.customer = customers.id}).
   * By convention the left table is the referenced one (one row per key) and the right table refers to it.
   *
   * @param left the referenced table
   * @param right the referring table
   * @param on the join column of the left table (and of the right one when {@code rightOn} is null)
   * @param rightOn the join column of the right table when its name differs, else null
   * @param evidence how {@code quarry domain init} found the join (declared foreign key, or name match plus
   *     value containment), or null in hand-written domains
   * @param containment share of the right column's distinct values found in the left column, 0..1, for joins that
   *     {@code quarry domain init} inferred; null otherwise
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Join(String left, String right, String on, String rightOn, String evidence, Double containment)
      implements Serializable {

    /** A join on one column of the same name in both tables. */
    public Join(String left, String right, String on) {
      this(left, right, on, null, null, null);
    }

    /** The join column of the left table. */
    public String leftColumn() {
      return on;
    }

    /** The join column of the right table: {@code rightOn} when set, else {@code on}. */
    public String rightColumn() {
      return rightOn == null ? on : rightOn;
    }
  }

  /**
   * One value of a vocabulary.
   *
   * @param value the stored value (a string, or an integer for integer columns)
   * @param phrases how people say the value itself ("ninth grade", "Lincoln")
   * @param members how people call the entities that have the value ("ninth graders", "girls"), or null
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record VocabEntry(Object value, List<String> phrases, List<String> members) implements Serializable {}
}
