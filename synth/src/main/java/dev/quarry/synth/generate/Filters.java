package dev.quarry.synth.generate;

import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.PhraseCatalog;
import dev.quarry.core.sql.SqlIdentifiers;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds {@link Filter}s: the SQL predicate, the literal and its renderings from the {@link Lexicon}. */
final class Filters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Lexicon lex;

  Filters(Lexicon lex) {
    this.lex = lex;
  }

  /** SQL text of a value: quoted string, number, TRUE/FALSE. */
  static String sqlValue(Object v) {
    if (v instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (v instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    if (v instanceof Number n) {
      return PhraseCatalog.formatNumber(n);
    }
    throw new IllegalArgumentException("Unsupported literal " + v);
  }

  /** The column's key in the value catalog's samples: {@code table.column} or {@code column}, unquoted. */
  static String col(Domain.Table t, Domain.Column c, boolean qualified) {
    return qualified ? t.name() + "." + c.name() : c.name();
  }

  /** The column as written in SQL, through {@link SqlIdentifiers}. */
  static String sqlCol(Domain.Table t, Domain.Column c, boolean qualified) {
    return qualified ? SqlIdentifiers.qualified(t.name(), c.name()) : SqlIdentifiers.quoteIdent(c.name());
  }

  /** {@code column = value} for a dimension, year or flag column. */
  Filter equal(Domain.Table t, Domain.Column c, Object value, boolean qualified) {
    String column = col(t, c, qualified);
    String sql = sqlCol(t, c, qualified) + " = " + sqlValue(value);
    int order = t.columns().indexOf(c) + (qualified ? 100 * lex.domain().tables().indexOf(t) : 0);
    List<Filter.Rendering> r = new ArrayList<>();
    Set<String> phrases = new LinkedHashSet<>();
    if (c.role() == ColumnRole.YEAR) {
      String y = String.valueOf(value);
      String ys = PhraseCatalog.shortYear(y);
      String yp = lex.columnPhrases(c).get(0);
      for (String s : List.of("in " + y, "in " + ys, "during " + ys, "in the " + ys + " " + yp,
          "for the " + y + " " + yp, "during the " + y + " " + yp)) {
        r.add(new Filter.Rendering(Filter.Kind.POST, s));
      }
      for (String rel : lex.catalog().relativeYearPhrases(y)) {
        r.add(new Filter.Rendering(Filter.Kind.POST, rel.startsWith("the ") ? "in " + rel : rel));
      }
      phrases.addAll(lex.catalog().yearPhrases(y));
    } else if (c.role() == ColumnRole.FLAG) {
      boolean b = Boolean.TRUE.equals(value);
      List<String> ps = b ? c.whenTrue()
          : (c.whenFalse() == null || c.whenFalse().isEmpty() ? List.of("not " + c.whenTrue().get(0)) : c.whenFalse());
      for (String p : ps) {
        r.add(new Filter.Rendering(Filter.Kind.PRE, p));
        r.add(new Filter.Rendering(Filter.Kind.POST, "flagged as " + p, true));
      }
      phrases.addAll(ps);
    } else {
      List<String> vps = lex.valuePhrases(c, value);
      String cp = lex.columnPhrases(c).get(0);
      Lexicon.Style style = lex.style(c);
      for (String vp : vps) {
        String lower = vp.toLowerCase(Locale.ROOT);
        if (lower.startsWith("a ") || lower.startsWith("an ")) {
          r.add(new Filter.Rendering(Filter.Kind.POST, "with " + vp));
          continue;
        }
        r.add(new Filter.Rendering(Filter.Kind.PRE, vp));
        if (style == Lexicon.Style.AT) {
          r.add(new Filter.Rendering(Filter.Kind.POST, "at " + vp));
        } else if (style == Lexicon.Style.IN) {
          r.add(new Filter.Rendering(Filter.Kind.POST, "in " + vp));
        } else if (!lower.contains(cp.toLowerCase(Locale.ROOT))) {
          r.add(new Filter.Rendering(Filter.Kind.POST, "with " + cp + " " + vp, true));
          r.add(new Filter.Rendering(Filter.Kind.POST, "where the " + cp + " is " + vp, true));
        }
      }
      for (String m : lex.members(c, value)) {
        r.add(new Filter.Rendering(Filter.Kind.MEMBER, m));
      }
      if (r.stream().noneMatch(x -> x.kind() == Filter.Kind.POST)) {
        r.add(new Filter.Rendering(Filter.Kind.POST, "where the " + cp + " is " + vps.get(0), true));
      }
      phrases.addAll(vps);
      phrases.addAll(lex.members(c, value));
    }
    return new Filter(column, order, sql, new LiteralPhrases(sqlValue(value), List.copyOf(phrases)), List.copyOf(r), value);
  }

  /** Comparison operators of measure thresholds. */
  enum Op {
    GT(">"), LT("<"), GE(">=");
    final String sql;

    Op(String sql) {
      this.sql = sql;
    }
  }

  /** {@code measure op value}, e.g. {@code absence_count > 10}. */
  Filter threshold(Domain.Table t, Domain.Column m, Op op, Number value, boolean qualified, boolean integral) {
    String column = col(t, m, qualified);
    String v = PhraseCatalog.formatNumber(value);
    List<Filter.Rendering> r = new ArrayList<>();
    for (String mp : lex.columnPhrases(m)) {
      List<String> forms = switch (op) {
        case GT -> new ArrayList<>(List.of("with " + mp + " above " + v, "with " + mp + " greater than " + v,
            "with " + mp + " over " + v));
        case LT -> new ArrayList<>(List.of("with " + mp + " below " + v, "with " + mp + " less than " + v,
            "with " + mp + " under " + v));
        case GE -> new ArrayList<>(List.of("with " + mp + " of at least " + v));
      };
      if (integral && m.unit() != null) {
        forms.add(switch (op) {
          case GT -> "with more than " + v + " " + mp;
          case LT -> "with fewer than " + v + " " + mp;
          case GE -> "with at least " + v + " " + mp;
        });
      }
      forms.forEach(f -> r.add(new Filter.Rendering(Filter.Kind.POST, f)));
    }
    int order = 50 + t.columns().indexOf(m) + (qualified ? 100 * lex.domain().tables().indexOf(t) : 0);
    return new Filter(column, order, sqlCol(t, m, qualified) + " " + op.sql + " " + v, new LiteralPhrases(v, List.of(v)),
        List.copyOf(r), null);
  }
}
