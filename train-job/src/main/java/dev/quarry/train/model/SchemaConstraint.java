package dev.quarry.train.model;

import dev.quarry.core.domain.Domain;
import dev.quarry.train.text.Vocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Constrained decoding over the domain's schema (in the spirit of PICARD, Scholak et al. 2021, "PICARD:
 * Parsing Incrementally for Constrained Auto-Regressive Decoding from Language Models", which rejects
 * inadmissible tokens at each step of beam search). A token may extend a prefix only when the result can still
 * be valid SQL over the domain:
 *
 * <ul>
 *   <li>a placeholder ({@code <schools_1>}) only when the question carries that literal;
 *   <li>after {@code FROM} or {@code JOIN}: a domain table or {@code (} (a derived table);
 *   <li>a qualified column {@code t.c} where {@code t} is a domain table: {@code c} must be a column of {@code t}
 *       (other qualifiers are aliases and are not checked);
 *   <li>a column name once its query level's {@code FROM} is known: a column of a table in scope (the level's
 *       FROM/JOIN tables and those of the enclosing levels, for correlated subqueries), unless it is an alias
 *       the prefix defined ({@code AS count});
 *   <li>the table after {@code FROM}: one that has every unqualified column its level used before (when some
 *       table has them all, else any table, so decoding never dead-ends);
 *   <li>{@code ,} / {@code )} / end of SQL only where they can close something: no {@code )} without an open
 *       bracket, end only with all brackets closed and not right after a keyword or operator that needs an
 *       operand.
 * </ul>
 * Identifiers that are neither tables nor columns (functions, keywords, aliases) are not constrained. Thread-safe
 * (immutable); {@link #after} scans a prefix once for all the tokens tested against it.
 */
public final class SchemaConstraint {

  private static final Set<String> NEEDS_OPERAND = Set.of("select", "from", "where", "and", "or", "not", "by", "join",
      "on", "having", "=", "<>", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", ",", "(", "in", "like", "between",
      "as", "case", "when", "then", "else", "limit", "is", "distinct", "group", "order", "||");

  private final List<String> tokens;
  private final Map<String, Set<String>> columnsOf = new HashMap<>();
  private final Set<String> allColumns = new HashSet<>();
  private final Set<String> literals;

  /**
   * A constraint for one question.
   *
   * @param vocab the model's vocabulary (id → token)
   * @param domain the schema
   * @param placeholders the placeholders the question carries, e.g. {@code <schools_1>}
   */
  public SchemaConstraint(Vocabulary vocab, Domain domain, Set<String> placeholders) {
    this.tokens = new ArrayList<>(vocab.size());
    for (int i = 0; i < vocab.size(); i++) {
      tokens.add(vocab.token(i));
    }
    for (Domain.Table t : domain.tables()) {
      Set<String> cols = new HashSet<>();
      for (Domain.Column c : t.columns()) {
        cols.add(c.name().toLowerCase(Locale.ROOT));
      }
      columnsOf.put(t.name().toLowerCase(Locale.ROOT), cols);
      allColumns.addAll(cols);
    }
    this.literals = Set.copyOf(placeholders);
  }

  /** One level of the query: a SELECT and what its FROM clause has named so far. */
  private static final class Level {
    final int depth;
    final Set<String> tables = new HashSet<>();
    final Set<String> earlyColumns = new HashSet<>();
    boolean fromSeen;

    Level(int depth) {
      this.depth = depth;
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
    String prev = prefix.length == 0 ? "" : tokens.get(prefix[prefix.length - 1]).toLowerCase(Locale.ROOT);
    return id -> allows(s, prev, prefix.length, id);
  }

  private boolean allows(Scan s, String prev, int length, int id) {
    if (id == Vocabulary.PAD || id == Vocabulary.UNK || id == Vocabulary.SEP) {
      return false;
    }
    if (id == Vocabulary.EOS) {
      return length > 0 && s.depth == 0 && !NEEDS_OPERAND.contains(prev);
    }
    String tok = tokens.get(id);
    String t = tok.toLowerCase(Locale.ROOT);
    if (prev.equals("from") || prev.equals("join")) {
      if (t.equals("(")) {
        return true;
      }
      if (!columnsOf.containsKey(t)) {
        return false;
      }
      Level level = s.levels.isEmpty() ? null : s.levels.get(s.levels.size() - 1);
      if (prev.equals("from") && level != null && !level.earlyColumns.isEmpty()) {
        boolean someHasAll = columnsOf.values().stream().anyMatch(c -> c.containsAll(level.earlyColumns));
        return !someHasAll || columnsOf.get(t).containsAll(level.earlyColumns);
      }
      return true;
    }
    if (tok.startsWith("<") && tok.endsWith(">") && tok.length() > 2) {
      return literals.contains(tok);
    }
    if (t.equals(")")) {
      return s.depth > 0 && !prev.equals(",");
    }
    int dot = t.indexOf('.');
    if (dot > 0 && Character.isLetter(t.charAt(0))) {
      String table = t.substring(0, dot);
      String col = t.substring(dot + 1);
      Set<String> cols = columnsOf.get(table);
      return cols == null || cols.contains(col);
    }
    if (allColumns.contains(t) && !s.aliases.contains(t) && !prev.equals("as")) {
      Set<String> scope = s.scope();
      if (scope != null) {
        for (String table : scope) {
          if (columnsOf.get(table).contains(t)) {
            return true;
          }
        }
        return scope.stream().noneMatch(columnsOf::containsKey);
      }
    }
    return true;
  }

  /** What a prefix has opened and named. */
  private final class Scan {
    int depth;
    final List<Level> levels = new ArrayList<>();
    final Set<String> aliases = new HashSet<>();

    /** Tables in scope for a column at the current position, or null while the current level's FROM is unknown. */
    Set<String> scope() {
      if (levels.isEmpty() || !levels.get(levels.size() - 1).fromSeen
          || levels.get(levels.size() - 1).tables.isEmpty()) {
        return null;
      }
      Set<String> out = new HashSet<>();
      levels.forEach(l -> out.addAll(l.tables));
      return out;
    }
  }

  private Scan scan(int[] prefix) {
    Scan s = new Scan();
    String prev = "";
    for (int id : prefix) {
      String t = tokens.get(id).toLowerCase(Locale.ROOT);
      if (t.equals("(")) {
        s.depth++;
      } else if (t.equals(")")) {
        s.depth = Math.max(0, s.depth - 1);
        while (!s.levels.isEmpty() && s.levels.get(s.levels.size() - 1).depth > s.depth) {
          s.levels.remove(s.levels.size() - 1);
        }
      } else if (t.equals("select")) {
        s.levels.add(new Level(s.depth));
      } else if (prev.equals("as")) {
        s.aliases.add(t);
      } else if (!s.levels.isEmpty()) {
        Level l = s.levels.get(s.levels.size() - 1);
        if (t.equals("from")) {
          l.fromSeen = true;
        } else if ((prev.equals("from") || prev.equals("join")) && columnsOf.containsKey(t)) {
          l.tables.add(t);
        } else if (!l.fromSeen && allColumns.contains(t)) {
          l.earlyColumns.add(t);
        }
      }
      prev = t;
    }
    return s;
  }
}
