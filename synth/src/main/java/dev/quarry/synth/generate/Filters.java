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
      List<String> written = List.of("in " + y, "in " + ys, "during " + ys, "in the " + ys + " " + yp,
          "for the " + y + " " + yp, "during the " + y + " " + yp);
      for (String s : written) {
        r.add(new Filter.Rendering(Filter.Kind.POST, s));
      }
      List<String> relative = lex.catalog().relativeYearPhrases(y);
      // Staff name recent years relatively ("this year", "last year") about as often as they write them out:
      // each relative phrase is listed often enough that a uniform pick says the year relatively half the time.
      for (int copy = 0; !relative.isEmpty() && copy < (written.size() + relative.size() - 1) / relative.size(); copy++) {
        for (String rel : relative) {
          r.add(new Filter.Rendering(Filter.Kind.POST, rel.startsWith("the ") ? "in " + rel : rel));
        }
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

  /**
   * {@code column IN (a, b)}: either of two values of a dimension ("Bullying or Harassment incidents", "at Lincoln
   * or Jefferson", "ninth and tenth graders"). The values are written in SQL in the order of their SQL text, so
   * one meaning has one SQL form.
   *
   * @throws IllegalArgumentException when {@code a} equals {@code b}
   */
  Filter anyOf(Domain.Table t, Domain.Column c, Object a, Object b, boolean qualified) {
    if (a.equals(b)) {
      throw new IllegalArgumentException("a choice of two values needs two different values, got " + a + " twice");
    }
    if (sqlValue(a).compareTo(sqlValue(b)) > 0) {
      Object tmp = a;
      a = b;
      b = tmp;
    }
    List<String> pa = lex.valuePhrases(c, a);
    List<String> pb = lex.valuePhrases(c, b);
    String cp = lex.columnPhrases(c).get(0);
    Lexicon.Style style = lex.style(c);
    List<Filter.Rendering> r = new ArrayList<>();
    for (int i = 0; i < Math.min(pa.size(), pb.size()); i++) {
      String either = pa.get(i) + " or " + pb.get(i);
      if (startsWithArticle(pa.get(i)) || startsWithArticle(pb.get(i))) {
        r.add(new Filter.Rendering(Filter.Kind.POST, "with " + either));
        continue;
      }
      r.add(new Filter.Rendering(Filter.Kind.PRE, either));
      r.add(new Filter.Rendering(Filter.Kind.PRE, pa.get(i) + " and " + pb.get(i)));
      switch (style) {
        case AT -> r.add(new Filter.Rendering(Filter.Kind.POST, "at " + either));
        case IN -> r.add(new Filter.Rendering(Filter.Kind.POST, "in " + either));
        case MODIFIER -> r.add(new Filter.Rendering(Filter.Kind.POST, "with " + cp + " " + either, true));
      }
    }
    List<String> ma = lex.members(c, a);
    List<String> mb = lex.members(c, b);
    for (int i = 0; i < Math.min(ma.size(), mb.size()); i++) {
      r.add(new Filter.Rendering(Filter.Kind.MEMBER, ma.get(i) + " and " + mb.get(i)));
      r.add(new Filter.Rendering(Filter.Kind.MEMBER, ma.get(i) + " or " + mb.get(i)));
    }
    r.add(new Filter.Rendering(Filter.Kind.POST, "where the " + cp + " is " + pa.get(0) + " or " + pb.get(0), true));
    String sql = sqlCol(t, c, qualified) + " IN (" + sqlValue(a) + ", " + sqlValue(b) + ")";
    return new Filter(col(t, c, qualified), order(t, c, qualified), sql,
        List.of(literal(c, a, pa), literal(c, b, pb)), List.copyOf(r), null);
  }

  /** {@code column <> value} for a text dimension ("non-White students", "not at Lincoln"). */
  Filter notEqual(Domain.Table t, Domain.Column c, String value, boolean qualified) {
    List<String> vps = lex.valuePhrases(c, value);
    String cp = lex.columnPhrases(c).get(0);
    Lexicon.Style style = lex.style(c);
    List<Filter.Rendering> r = new ArrayList<>();
    for (String vp : vps) {
      if (startsWithArticle(vp)) {
        continue;
      }
      switch (style) {
        case AT -> r.add(new Filter.Rendering(Filter.Kind.POST, "not at " + vp));
        case IN -> {
          r.add(new Filter.Rendering(Filter.Kind.POST, "not in " + vp));
          r.add(new Filter.Rendering(Filter.Kind.POST, "outside " + vp));
        }
        case MODIFIER -> {
          r.add(new Filter.Rendering(Filter.Kind.PRE, "non-" + vp));
          r.add(new Filter.Rendering(Filter.Kind.POST, "whose " + cp + " is not " + vp));
          r.add(new Filter.Rendering(Filter.Kind.POST, "with " + article(cp) + " " + cp + " other than " + vp));
        }
      }
    }
    r.add(new Filter.Rendering(Filter.Kind.POST, "where the " + cp + " is not " + vps.get(0), true));
    String sql = sqlCol(t, c, qualified) + " <> " + sqlValue(value);
    return new Filter(col(t, c, qualified), order(t, c, qualified), sql, List.of(literal(c, value, vps)), List.copyOf(r),
        null);
  }

  /**
   * {@code column BETWEEN low AND high} for an integer-valued dimension ("in grades 6 through 8").
   *
   * @throws IllegalArgumentException unless {@code low < high}
   */
  Filter range(Domain.Table t, Domain.Column c, long low, long high, boolean qualified) {
    if (low >= high) {
      throw new IllegalArgumentException("a range needs low < high, got " + low + " and " + high);
    }
    String cp = lex.columnPhrases(c).get(0);
    String cps = Lexicon.plural(cp);
    String lo = PhraseCatalog.formatNumber(low);
    String hi = PhraseCatalog.formatNumber(high);
    List<Filter.Rendering> r = new ArrayList<>();
    if (lex.style(c) == Lexicon.Style.IN) {
      r.add(new Filter.Rendering(Filter.Kind.POST, "in " + cps + " " + lo + " to " + hi));
      r.add(new Filter.Rendering(Filter.Kind.POST, "in " + cps + " " + lo + " through " + hi));
      r.add(new Filter.Rendering(Filter.Kind.POST, "in " + cps + " " + lo + "-" + hi));
      r.add(new Filter.Rendering(Filter.Kind.PRE, cp + " " + lo + "-" + hi));
    } else {
      r.add(new Filter.Rendering(Filter.Kind.POST, "with " + cp + " from " + lo + " to " + hi));
      r.add(new Filter.Rendering(Filter.Kind.POST, "with " + cp + " " + lo + " through " + hi));
    }
    r.add(new Filter.Rendering(Filter.Kind.POST, "with " + cp + " between " + lo + " and " + hi, true));
    String sql = sqlCol(t, c, qualified) + " BETWEEN " + lo + " AND " + hi;
    return new Filter(col(t, c, qualified), order(t, c, qualified), sql,
        List.of(new LiteralPhrases(lo, List.of(lo)), new LiteralPhrases(hi, List.of(hi))), List.copyOf(r), null);
  }

  /** "a" or "an" before {@code word} (by its first letter). */
  static String article(String word) {
    return !word.isEmpty() && "aeiouAEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  private static boolean startsWithArticle(String phrase) {
    String lower = phrase.toLowerCase(Locale.ROOT);
    return lower.startsWith("a ") || lower.startsWith("an ");
  }

  private int order(Domain.Table t, Domain.Column c, boolean qualified) {
    return t.columns().indexOf(c) + (qualified ? 100 * lex.domain().tables().indexOf(t) : 0);
  }

  /** A dimension value's literal: its SQL text, its value phrases and its member phrases. */
  private LiteralPhrases literal(Domain.Column c, Object value, List<String> valuePhrases) {
    Set<String> phrases = new LinkedHashSet<>(valuePhrases);
    phrases.addAll(lex.members(c, value));
    return new LiteralPhrases(sqlValue(value), List.copyOf(phrases));
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
