package dev.quarry.train.model;

import dev.quarry.core.domain.Domain;
import dev.quarry.train.text.Vocabulary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Constrained decoding over the domain's schema (in the spirit of PICARD, Scholak et al. 2021, "PICARD:
 * Parsing Incrementally for Constrained Auto-Regressive Decoding from Language Models", which rejects
 * inadmissible tokens at each step of beam search). A token may extend a prefix only when the result can still
 * be valid SQL over the domain, in the canonical form synth writes:
 *
 * <ul>
 *   <li>a placeholder ({@code <schools_1>}) only when the question carries that literal;
 *   <li>after {@code FROM} or {@code JOIN}: a domain table or {@code (} (a derived table);
 *   <li>a qualified column {@code t.c} where {@code t} is a domain table: {@code c} must be a column of {@code t},
 *       and once the level's {@code FROM} is known {@code t} must be in scope (other qualifiers are aliases and
 *       are not checked); a level's {@code FROM} clause ends ({@code WHERE}, {@code GROUP}, …) only when every
 *       table its qualified columns named is in scope;
 *   <li>a column name once its query level's {@code FROM} is known: a column of a table in scope (the level's
 *       FROM/JOIN tables and those of the enclosing levels, for correlated subqueries), unless it is an alias
 *       the prefix defined ({@code AS count});
 *   <li>the table after {@code FROM}: one that has every unqualified column its level used before (when some
 *       table has them all, else any table, so decoding never dead-ends);
 *   <li>one qualification style per statement, as synth writes it: every column qualified ({@code t.c}, join
 *       queries) or none; so no {@code JOIN} after an unqualified column (it would be ambiguous when both
 *       tables have it: DuckDB's "Ambiguous reference to column name");
 *   <li>grouping (SQL's rule that a selected column outside an aggregate must be grouped): a level whose
 *       {@code SELECT} mixes plain columns with aggregates ({@code COUNT}, {@code SUM}, {@code AVG}, {@code MIN},
 *       {@code MAX}) ends or goes on to {@code HAVING}, {@code ORDER BY} or {@code LIMIT} only after its
 *       {@code GROUP BY}; when every plain selected item is a bare column, {@code GROUP BY} lists exactly those
 *       columns; in {@code HAVING} and {@code ORDER BY} a column outside an aggregate must be grouped (or, in an
 *       aggregate query without {@code GROUP BY}, is not allowed);
 *   <li>a level's clauses ({@code WHERE}, {@code GROUP BY}, {@code HAVING}, {@code ORDER BY}, {@code LIMIT}) once
 *       each, in that order, {@code HAVING} only after {@code GROUP BY};
 *   <li>after {@code GROUP BY} / {@code ORDER BY} (and their commas) a lower-case name that is neither a column,
 *       a table nor one of synth's functions must be an alias the prefix defined ({@code GROUP BY month} needs
 *       {@code AS month});
 *   <li>a literal compared with a column ({@code c = x}, {@code c IN (x, y)}, {@code c BETWEEN x AND y}) of the
 *       column's type: {@code TRUE}/{@code FALSE} only for a BOOLEAN column and nothing else for one; for a
 *       number column a number or {@code <num_n>}, never a quoted string or another placeholder; for a text
 *       column no number, no {@code <num_n>}, and a vocabulary placeholder only of the column's vocabulary
 *       ({@code term = <schools_1>} cannot be decoded); for a number column whose values come from a vocabulary
 *       ({@code grade_level}: 0–12) only a number of that vocabulary, as a token or as the value of the question's
 *       {@code <num_n>} ({@code grade_level = <num_1>} cannot be decoded when the question's number is 100);
 *   <li>no literal twice in one {@code IN} list ({@code school_year IN ('2024-2025', '2024-2025')});
 *   <li>{@code ,} / {@code )} / end of SQL only where they can close something: no {@code )} without an open
 *       bracket, end only with all brackets closed and not right after a keyword or operator that needs an
 *       operand.
 * </ul>
 * Identifiers that are neither tables nor columns (functions, keywords, aliases) are otherwise not constrained.
 * Thread-safe (immutable); {@link #after} scans a prefix once for all the tokens tested against it.
 */
public final class SchemaConstraint {

  private static final Set<String> NEEDS_OPERAND = Set.of("select", "from", "where", "and", "or", "not", "by", "join",
      "on", "having", "=", "<>", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", ",", "(", "in", "like", "between",
      "as", "case", "when", "then", "else", "limit", "is", "distinct", "group", "order", "||");
  private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max");
  /** The lower-case functions synth's SQL uses (keywords and the aggregates are upper case). */
  private static final Set<String> FUNCTIONS = Set.of("strftime", "dayname");
  /** Keywords after which a level's FROM clause is over, or that end a GROUP BY list. */
  private static final Set<String> CLAUSE_AFTER_FROM = Set.of("where", "group", "having", "order", "limit");
  private static final Pattern LOWER_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(?:\\.[0-9]+)?");
  private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");

  /** What the model's vocabulary and the schema say about each token (shared by every question). */
  private final Index ix;
  /** Placeholder → the SQL literal it stands for in this question (null when not known). */
  private final Map<String, String> literals;

  /**
   * A constraint for one question; builds the {@link Index} of {@code vocab} and {@code domain} each time (a
   * caller that decodes many questions with one model builds the index once and uses
   * {@link #SchemaConstraint(Index, Set)}).
   *
   * @param vocab the model's vocabulary (id → token)
   * @param domain the schema
   * @param placeholders the placeholders the question carries, e.g. {@code <schools_1>}
   */
  public SchemaConstraint(Vocabulary vocab, Domain domain, Set<String> placeholders) {
    this(new Index(vocab, domain), placeholders);
  }

  /**
   * A constraint for one question over a prebuilt index.
   *
   * @param index what the model's vocabulary and the schema say about each token, built once per model and domain
   * @param placeholders the placeholders the question carries, e.g. {@code <schools_1>}
   */
  public SchemaConstraint(Index index, Set<String> placeholders) {
    this.ix = index;
    Map<String, String> unknown = new HashMap<>();
    placeholders.forEach(p -> unknown.put(p, null));
    this.literals = Collections.unmodifiableMap(unknown); // values are null: no Map.copyOf
  }

  /**
   * A constraint for one question over a prebuilt index, knowing what each placeholder stands for, so that a
   * {@code <num_n>} is compared only with number columns whose vocabulary (if any) holds its value.
   *
   * @param index what the model's vocabulary and the schema say about each token, built once per model and domain
   * @param literals the question's literals, placeholder → SQL literal ({@code <num_1>} → {@code 100})
   */
  public SchemaConstraint(Index index, Map<String, String> literals) {
    this.ix = index;
    this.literals = Collections.unmodifiableMap(new HashMap<>(literals));
  }

  /**
   * The part of a constraint that depends only on the model's vocabulary and the domain, not on the question: per
   * token id its lower-case form, whether it is a number or a lower-case name and the domain table it qualifies;
   * the columns of each table and the column each column token names. Immutable and thread-safe; one model and
   * domain need one index (building it reads every vocabulary token once: O(vocabulary + columns)).
   */
  public static final class Index {
    private final List<String> tokens;
    private final String[] lower;
    private final boolean[] number;
    private final boolean[] lowerName;
    private final String[] qualifier;
    private final Map<String, Set<String>> columnsOf;
    private final Set<String> allColumns;
    private final Map<String, Domain.Column> columnByToken;
    private final Set<String> vocabularies;
    /** Vocabulary name → its values in {@link #canonicalNumber} form, for vocabularies whose values are all numbers. */
    private final Map<String, Set<String>> numericVocabularies;

    /**
     * Indexes {@code vocab} over {@code domain}.
     *
     * @param vocab the model's vocabulary (id → token)
     * @param domain the schema
     */
    public Index(Vocabulary vocab, Domain domain) {
      List<String> toks = new ArrayList<>(vocab.size());
      this.lower = new String[vocab.size()];
      this.number = new boolean[vocab.size()];
      this.lowerName = new boolean[vocab.size()];
      for (int i = 0; i < vocab.size(); i++) {
        String tok = vocab.token(i);
        toks.add(tok);
        lower[i] = tok.toLowerCase(Locale.ROOT);
        number[i] = NUMBER.matcher(tok).matches();
        lowerName[i] = LOWER_NAME.matcher(tok).matches();
      }
      this.tokens = List.copyOf(toks);
      Map<String, Set<String>> cols = new HashMap<>();
      Set<String> all = new HashSet<>();
      Map<String, Domain.Column> byToken = new HashMap<>();
      for (Domain.Table t : domain.tables()) {
        Set<String> names = new HashSet<>();
        for (Domain.Column c : t.columns()) {
          names.add(c.name().toLowerCase(Locale.ROOT));
        }
        cols.put(t.name().toLowerCase(Locale.ROOT), Set.copyOf(names));
        all.addAll(names);
        for (Domain.Column c : t.columns()) {
          String name = c.name().toLowerCase(Locale.ROOT);
          byToken.put(t.name().toLowerCase(Locale.ROOT) + "." + name, c);
          if (!byToken.containsKey(name)) {
            byToken.put(name, c);
          } else if (byToken.get(name) != null && !sameType(byToken.get(name), c)) {
            byToken.put(name, null); // one name, two meanings: not checked
          }
        }
      }
      this.columnsOf = Collections.unmodifiableMap(cols);
      this.allColumns = Collections.unmodifiableSet(all);
      this.columnByToken = Collections.unmodifiableMap(byToken); // values may be null: no Map.copyOf
      this.qualifier = new String[lower.length];
      for (int i = 0; i < lower.length; i++) {
        int dot = lower[i].indexOf('.');
        if (dot > 0 && Character.isLetter(lower[i].charAt(0)) && columnsOf.containsKey(lower[i].substring(0, dot))) {
          qualifier[i] = lower[i].substring(0, dot);
        }
      }
      this.vocabularies = domain.vocabularies() == null ? Set.of() : Set.copyOf(domain.vocabularies().keySet());
      Map<String, Set<String>> numeric = new HashMap<>();
      if (domain.vocabularies() != null) {
        domain.vocabularies().forEach((name, entries) -> {
          Set<String> values = new HashSet<>();
          for (Domain.VocabEntry e : entries) {
            String v = e.value() instanceof Number ? canonicalNumber(e.value().toString()) : null;
            if (v == null) {
              return;
            }
            values.add(v);
          }
          if (!values.isEmpty()) {
            numeric.put(name, Set.copyOf(values));
          }
        });
      }
      this.numericVocabularies = Map.copyOf(numeric);
    }
  }

  /** {@code "9"}, {@code "9.0"} and {@code "09"} → {@code "9"}; null when {@code text} is not a number. */
  static String canonicalNumber(String text) {
    try {
      return new java.math.BigDecimal(text).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean sameType(Domain.Column a, Domain.Column b) {
    return a.type() == b.type() && java.util.Objects.equals(a.vocabulary(), b.vocabulary());
  }

  /** A level's clauses in the order SQL allows them (the declaration order). */
  private enum Clause {
    SELECT, FROM, WHERE, GROUP, HAVING, ORDER, LIMIT;

    /** The clause that lower-case keyword {@code t} starts ({@code "group"} → GROUP); {@code t} must be one. */
    static Clause of(String t) {
      return valueOf(t.toUpperCase(Locale.ROOT));
    }
  }

  /** One level of the query: a SELECT, what its FROM clause has named so far, and its clauses. */
  private static final class Level {
    final int depth;
    /** Open brackets (of the whole prefix) when this level's SELECT began. */
    final int base;
    final Set<String> tables = new HashSet<>();
    final Set<String> earlyColumns = new HashSet<>();
    /** Tables named by this level's qualified columns. */
    final Set<String> qualifiedTables = new HashSet<>();
    /** Plain columns of the SELECT list outside any aggregate, as written. */
    final Set<String> selectBare = new LinkedHashSet<>();
    final Set<String> groupColumns = new HashSet<>();
    boolean fromSeen;
    boolean selectAggregate;
    /** A plain SELECT item that is not a bare column (inside a function or CASE): GROUP BY is not checked. */
    boolean complexSelect;
    boolean groupSeen;
    Clause clause = Clause.SELECT;

    Level(int depth, int base) {
      this.depth = depth;
      this.base = base;
    }
  }

  /**
   * Whether token {@code id} may follow {@code prefix}.
   *
   * @param prefix SQL token ids decoded so far (no {@code <eos>})
   * @param id the candidate next token ({@link Vocabulary#EOS} to end)
   */
  public boolean allows(int[] prefix, int id) {
    return after(prefix).test(id);
  }

  /**
   * The admissible next tokens after {@code prefix}, scanning the prefix once (beam search tests many tokens
   * against the same prefix).
   *
   * @param prefix SQL token ids decoded so far (no {@code <eos>})
   * @return a test of a candidate next token id ({@link Vocabulary#EOS} to end)
   */
  public IntPredicate after(int[] prefix) {
    Scan s = scan(prefix);
    String prev = prefix.length == 0 ? "" : ix.lower[prefix[prefix.length - 1]];
    return id -> allows(s, prev, prefix.length, id);
  }

  private boolean allows(Scan s, String prev, int length, int id) {
    if (id == Vocabulary.PAD || id == Vocabulary.UNK || id == Vocabulary.SEP) {
      return false;
    }
    Level level = s.levels.isEmpty() ? null : s.levels.get(s.levels.size() - 1);
    if (id == Vocabulary.EOS) {
      return length > 0 && s.depth == 0 && !NEEDS_OPERAND.contains(prev) && (level == null || mayEnd(s, level));
    }
    String tok = ix.tokens.get(id);
    String t = ix.lower[id];
    if (prev.equals("from") || prev.equals("join")) {
      if (t.equals("(")) {
        return true;
      }
      if (!ix.columnsOf.containsKey(t)) {
        return false;
      }
      if (prev.equals("from") && level != null && !level.earlyColumns.isEmpty()) {
        boolean someHasAll = ix.columnsOf.values().stream().anyMatch(c -> c.containsAll(level.earlyColumns));
        return !someHasAll || ix.columnsOf.get(t).containsAll(level.earlyColumns);
      }
      return true;
    }
    if (tok.startsWith("<") && tok.endsWith(">") && tok.length() > 2 && !literals.containsKey(tok)) {
      return false;
    }
    if (s.compared != null && !literalFits(s.compared, tok, ix.number[id])) {
      return false;
    }
    if (s.inList != null && s.inList.contains(id)) {
      return false;
    }
    if (tok.startsWith("<") && tok.endsWith(">") && tok.length() > 2) {
      return true;
    }
    if (t.equals(")")) {
      if (s.depth == 0 || prev.equals(",")) {
        return false;
      }
      return level == null || s.open.size() != level.base || mayEnd(s, level);
    }
    if (t.equals("join")) {
      return !s.unqualifiedSeen;
    }
    boolean atLevel = level != null && s.open.size() == level.base;
    if (atLevel && level.fromSeen && CLAUSE_AFTER_FROM.contains(t)
        && (Clause.of(t).compareTo(level.clause) <= 0 || t.equals("having") && !level.groupSeen
            && level.clause != Clause.GROUP)) {
      return false; // clauses in SQL's order, each once; HAVING only after GROUP BY
    }
    if (atLevel && level.fromSeen && (t.equals("having") || t.equals("order") || t.equals("limit"))
        && !mayEnd(s, level)) {
      return false;
    }
    if (atLevel && level.fromSeen && CLAUSE_AFTER_FROM.contains(t) && s.scope() != null
        && !s.scope().containsAll(level.qualifiedTables)) {
      return false;
    }
    if (atLevel && t.equals(",") && level.clause == Clause.GROUP && groupListChecked(level)
        && level.groupColumns.containsAll(level.selectBare)) {
      return false;
    }
    int dot = t.indexOf('.');
    if (dot > 0 && Character.isLetter(t.charAt(0))) {
      String table = ix.qualifier[id];
      if (table == null) {
        return true; // an alias's column: not checked
      }
      if (!ix.columnsOf.get(table).contains(t.substring(dot + 1)) || s.unqualifiedSeen) {
        return false;
      }
      Set<String> scope = s.scope();
      if (scope != null && !scope.contains(table)) {
        return false;
      }
      return groupingAllows(s, level, prev, t);
    }
    if (ix.allColumns.contains(t) && !s.aliases.contains(t) && !prev.equals("as")) {
      if (s.qualifiedSeen) {
        return false;
      }
      Set<String> scope = s.scope();
      if (scope != null) {
        boolean inScope = scope.stream().noneMatch(ix.columnsOf::containsKey);
        for (String table : scope) {
          inScope |= ix.columnsOf.get(table).contains(t);
        }
        if (!inScope) {
          return false;
        }
      }
      return groupingAllows(s, level, prev, t);
    }
    if (atLevel && ix.lowerName[id] && !ix.columnsOf.containsKey(t) && !FUNCTIONS.contains(t)
        && (prev.equals("by") || prev.equals(",")) && (level.clause == Clause.GROUP || level.clause == Clause.ORDER)) {
      return s.aliases.contains(t);
    }
    return true;
  }

  /**
   * Whether a literal token (as written) may be compared with column {@code c}; tokens that are not literals
   * (a column, a bracket, a keyword) always may.
   */
  private boolean literalFits(Domain.Column c, String tok, boolean number) {
    boolean bool = tok.equals("TRUE") || tok.equals("FALSE");
    boolean placeholder = tok.startsWith("<") && tok.endsWith(">") && tok.length() > 2;
    boolean quoted = tok.startsWith("'");
    if (!bool && !placeholder && !number && !quoted) {
      return true;
    }
    if (c.type() == dev.quarry.core.domain.SqlType.BOOLEAN) {
      return bool;
    }
    if (bool) {
      return false;
    }
    String kind = placeholder ? tok.substring(1, tok.lastIndexOf('_') > 0 ? tok.lastIndexOf('_') : tok.length() - 1)
        : "";
    boolean numeric = c.type() == dev.quarry.core.domain.SqlType.INTEGER
        || c.type() == dev.quarry.core.domain.SqlType.DOUBLE;
    if (numeric) {
      if (!number && !kind.equals("num")) {
        return false;
      }
      Set<String> values = c.vocabulary() == null ? null : ix.numericVocabularies.get(c.vocabulary());
      String value = number ? tok : literals.get(tok);
      return values == null || value == null || values.contains(canonicalNumber(value));
    }
    if (number || kind.equals("num")) {
      return false;
    }
    if (placeholder && ix.vocabularies.contains(kind) && c.vocabulary() != null) {
      return kind.equals(c.vocabulary());
    }
    return true;
  }

  /** Whether the GROUP BY list of {@code level} must name exactly its bare selected columns. */
  private static boolean groupListChecked(Level level) {
    return !level.complexSelect && !level.selectBare.isEmpty();
  }

  /**
   * Whether {@code level} may end here (end of SQL, its closing bracket, or the next clause: HAVING, ORDER BY,
   * LIMIT): not while it still needs a GROUP BY or its GROUP BY list lacks a bare selected column.
   */
  private static boolean mayEnd(Scan s, Level level) {
    if (!level.fromSeen) {
      return true;
    }
    if (level.selectAggregate && !level.selectBare.isEmpty() && !level.groupSeen) {
      return false;
    }
    if (level.clause == Clause.GROUP && groupListChecked(level) && !level.groupColumns.containsAll(level.selectBare)) {
      return false;
    }
    Set<String> scope = s.scope();
    return scope == null || scope.containsAll(level.qualifiedTables);
  }

  /** The grouping rule for a column {@code col} (as written) at the current position. */
  private static boolean groupingAllows(Scan s, Level level, String prev, String col) {
    if (level == null || s.insideAggregate(level)) {
      return true;
    }
    boolean atLevel = s.open.size() == level.base;
    switch (level.clause) {
      case GROUP:
        if (atLevel && groupListChecked(level) && (prev.equals("by") || prev.equals(","))) {
          return level.selectBare.contains(col) && !level.groupColumns.contains(col);
        }
        return true;
      case HAVING:
      case ORDER:
        if (level.groupSeen) {
          return level.groupColumns.contains(col) || level.complexSelect;
        }
        return !level.selectAggregate;
      default:
        return true;
    }
  }

  /** What a prefix has opened and named. */
  private final class Scan {
    int depth;
    final List<Level> levels = new ArrayList<>();
    final Set<String> aliases = new HashSet<>();
    /** For each open bracket: whether it is an aggregate's ({@code COUNT (}). */
    final List<Boolean> open = new ArrayList<>();
    boolean qualifiedSeen;
    boolean unqualifiedSeen;
    /** The column the next token is compared with ({@code c =}, {@code c IN (… ,}), or null. */
    Domain.Column compared;
    /** Inside an {@code IN (…} list: the literal token ids already in it; null elsewhere. */
    Set<Integer> inList;

    private Set<String> scope;
    private boolean scopeKnown;

    /**
     * Tables in scope for a column at the current position, or null while the current level's FROM is unknown;
     * computed once, after the scan (every candidate token is tested against the same prefix).
     */
    Set<String> scope() {
      if (!scopeKnown) {
        scopeKnown = true;
        if (!levels.isEmpty() && levels.get(levels.size() - 1).fromSeen
            && !levels.get(levels.size() - 1).tables.isEmpty()) {
          scope = new HashSet<>();
          levels.forEach(l -> scope.addAll(l.tables));
        }
      }
      return scope;
    }

    /** Whether the current position is inside an aggregate's brackets opened at {@code level}. */
    boolean insideAggregate(Level level) {
      for (int i = level.base; i < open.size(); i++) {
        if (open.get(i)) {
          return true;
        }
      }
      return false;
    }
  }

  private Scan scan(int[] prefix) {
    Scan s = new Scan();
    String prev = "";
    for (int id : prefix) {
      String tok = ix.tokens.get(id);
      String t = ix.lower[id];
      Level l = s.levels.isEmpty() ? null : s.levels.get(s.levels.size() - 1);
      boolean atLevel = l != null && s.open.size() == l.base;
      if (t.equals("(")) {
        s.depth++;
        s.open.add(AGGREGATES.contains(prev));
      } else if (t.equals(")")) {
        s.depth = Math.max(0, s.depth - 1);
        if (!s.open.isEmpty()) {
          s.open.remove(s.open.size() - 1);
        }
        while (!s.levels.isEmpty() && s.levels.get(s.levels.size() - 1).depth > s.depth) {
          s.levels.remove(s.levels.size() - 1);
        }
      } else if (t.equals("select")) {
        s.levels.add(new Level(s.depth, s.open.size()));
      } else if (prev.equals("as")) {
        s.aliases.add(t);
      } else if (l != null) {
        if (atLevel && t.equals("from")) {
          l.fromSeen = true;
          l.clause = Clause.FROM;
        } else if (atLevel && l.fromSeen && (t.equals("where") || t.equals("group") || t.equals("having")
            || t.equals("order") || t.equals("limit"))) {
          l.clause = Clause.of(t);
          l.groupSeen |= t.equals("group");
        } else if ((prev.equals("from") || prev.equals("join")) && ix.columnsOf.containsKey(t)) {
          l.tables.add(t);
        } else if (AGGREGATES.contains(t) && !tok.equals(t) && l.clause == Clause.SELECT) {
          l.selectAggregate = true;
        } else {
          column(s, l, prev, ix.qualifier[id], t);
        }
      }
      prev = t;
    }
    s.compared = comparedColumn(prefix);
    s.inList = inListLiterals(prefix);
    return s;
  }

  /**
   * The column a literal at the end of {@code prefix} would be compared with: {@code c <op>}, {@code c BETWEEN},
   * {@code c BETWEEN x AND}, {@code c [NOT] IN (} and {@code c [NOT] IN (x, y,}; null otherwise.
   */
  private Domain.Column comparedColumn(int[] prefix) {
    int n = prefix.length;
    if (n < 2) {
      return null;
    }
    String p = low(prefix, n - 1);
    if (COMPARISONS.contains(p) || p.equals("between")) {
      return ix.columnByToken.get(low(prefix, n - 2));
    }
    if (p.equals("and") && n >= 4 && low(prefix, n - 3).equals("between")) {
      return ix.columnByToken.get(low(prefix, n - 4));
    }
    int i = n - 1;
    while (p.equals(",") && i >= 2 && isLiteral(prefix[i - 1])) {
      i -= 2;
      p = low(prefix, i);
    }
    if (p.equals("(") && i >= 2 && low(prefix, i - 1).equals("in")) {
      int c = i - 2;
      if (low(prefix, c).equals("not") && c >= 1) {
        c--;
      }
      return ix.columnByToken.get(low(prefix, c));
    }
    return null;
  }

  /**
   * The literal token ids of the {@code IN (x, y,} list that ends {@code prefix} (empty right after
   * {@code IN (}); null when {@code prefix} does not end inside such a list at a literal's position.
   */
  private Set<Integer> inListLiterals(int[] prefix) {
    Set<Integer> seen = new HashSet<>();
    int i = prefix.length - 1;
    while (i >= 2 && low(prefix, i).equals(",") && isLiteral(prefix[i - 1])) {
      seen.add(prefix[i - 1]);
      i -= 2;
    }
    return i >= 1 && low(prefix, i).equals("(") && low(prefix, i - 1).equals("in") ? seen : null;
  }

  private String low(int[] prefix, int i) {
    return ix.lower[prefix[i]];
  }

  private boolean isLiteral(int id) {
    String tok = ix.tokens.get(id);
    return tok.startsWith("'") || ix.number[id] || tok.equals("TRUE") || tok.equals("FALSE")
        || (tok.startsWith("<") && tok.endsWith(">") && tok.length() > 2);
  }

  /**
   * Records a column token {@code t} (lower case) at level {@code l}; {@code table} is its domain-table qualifier
   * ({@link Index#qualifier}), or null for a plain name.
   */
  private void column(Scan s, Level l, String prev, String table, String t) {
    boolean qualified = table != null;
    boolean plain = !qualified && ix.allColumns.contains(t) && !s.aliases.contains(t);
    if (!qualified && !plain) {
      return;
    }
    if (qualified) {
      s.qualifiedSeen = true;
      l.qualifiedTables.add(table);
    } else {
      s.unqualifiedSeen = true;
      if (!l.fromSeen) {
        l.earlyColumns.add(t);
      }
    }
    boolean atLevel = s.open.size() == l.base;
    if (l.clause == Clause.SELECT && !s.insideAggregate(l)) {
      if (atLevel && (prev.equals("select") || prev.equals(",") || prev.equals("distinct"))) {
        l.selectBare.add(t);
      } else {
        l.complexSelect = true;
      }
    } else if (l.clause == Clause.GROUP && atLevel) {
      l.groupColumns.add(t);
    }
  }
}
