package dev.quarry.synth.generate;

import static dev.quarry.core.sql.SqlIdentifiers.quoteIdent;

import dev.quarry.core.domain.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Templates of the YEAR_OVER_YEAR and YEAR_COMPARISON families, on tables with a year column. */
final class YearTemplates {
  private YearTemplates() {}

  static List<Template> all() {
    return List.of(new Trend(), new Change(), new CompareTwo(), new Difference());
  }

  static List<List<String>> yearTables(GenContext ctx) {
    return AggregateTemplates.tablesWith(ctx, t -> ctx.yearColumn(t) != null
        && ctx.catalog.values(t.name(), ctx.yearColumn(t).name()).size() >= 2);
  }

  static final List<String> FNS = List.of("COUNT", "AVG", "SUM");

  /** {@code SELECT year, metric FROM t WHERE … GROUP BY year ORDER BY year}. */
  static final class Trend implements Template {
    @Override public String id() {
      return "yoy-trend";
    }

    @Override public QueryFamily family() {
      return QueryFamily.YEAR_OVER_YEAR;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return yearTables(ctx);
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column y = ctx.yearColumn(t);
      Metric m = ctx.randomMetric(t, rng, false, FNS);
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of(y.name())), t.name(), ctx.filterCount(rng, 0), rng);
      String sql = "SELECT " + quoteIdent(y.name()) + ", " + m.sql() + " AS " + m.alias() + " FROM " + quoteIdent(t.name())
          + GenContext.where(fs) + " GROUP BY " + quoteIdent(y.name()) + " ORDER BY " + quoteIdent(y.name());
      List<String> patterns = List.of("Show the {S} for each {yp}.", "What was the {S} in each {yp}?",
          "Give the yearly trend of the {S}.", "List the {S} year by year.");
      return new Draft(family(), id(), sql, GenContext.literals(fs), GenContext.frames(patterns, r -> Map.of(
          "S", m.subject(ctx, t, fs, r), "yp", GenContext.pick(ctx.lex.columnPhrases(y), r))));
    }
  }

  /** The trend with the change against the previous year ({@code LAG}). */
  static final class Change implements Template {
    @Override public String id() {
      return "yoy-change";
    }

    @Override public QueryFamily family() {
      return QueryFamily.YEAR_OVER_YEAR;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return yearTables(ctx);
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column y = ctx.yearColumn(t);
      Metric m = ctx.randomMetric(t, rng, false, FNS);
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of(y.name())), t.name(), ctx.filterCount(rng, 0), rng);
      String lag = m.sql() + " - LAG(" + m.sql() + ") OVER (ORDER BY " + quoteIdent(y.name()) + ")";
      String sql = "SELECT " + quoteIdent(y.name()) + ", " + m.sql() + " AS " + m.alias() + ", " + lag + " AS change FROM "
          + quoteIdent(t.name()) + GenContext.where(fs) + " GROUP BY " + quoteIdent(y.name()) + " ORDER BY " + quoteIdent(y.name());
      List<String> patterns = List.of("What is the year-over-year change in the {S}?",
          "Show the year-over-year change in the {S}.",
          "How much did the {S} change each year compared with the previous year?");
      return new Draft(family(), id(), sql, GenContext.literals(fs), GenContext.frames(patterns, r -> Map.of(
          "S", m.subject(ctx, t, fs, r))));
    }
  }

  /** Two distinct years in chronological order, from the data. */
  static String[] twoYears(GenContext ctx, Domain.Table t, Domain.Column y, List<Filter> fs, SplittableRandom rng) {
    List<String> years = new ArrayList<>();
    ctx.valuesAmong(t, y, fs).forEach(v -> years.add(String.valueOf(v)));
    if (years.size() < 2) {
      return null;
    }
    java.util.Collections.sort(years);
    int i = rng.nextInt(years.size());
    int j = rng.nextInt(years.size() - 1);
    if (j >= i) {
      j++;
    }
    return new String[] {years.get(Math.min(i, j)), years.get(Math.max(i, j))};
  }

  /** {@code SELECT year, metric FROM t WHERE year IN (y1, y2) AND … GROUP BY year ORDER BY year}. */
  static final class CompareTwo implements Template {
    @Override public String id() {
      return "year-compare";
    }

    @Override public QueryFamily family() {
      return QueryFamily.YEAR_COMPARISON;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return yearTables(ctx);
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column y = ctx.yearColumn(t);
      Metric m = ctx.randomMetric(t, rng, false, FNS);
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of(y.name())), t.name(), ctx.filterCount(rng, 0), rng);
      String[] ys = twoYears(ctx, t, y, fs, rng);
      if (ys == null) {
        return null;
      }
      String in = quoteIdent(y.name()) + " IN (" + Filters.sqlValue(ys[0]) + ", " + Filters.sqlValue(ys[1]) + ")";
      String sql = "SELECT " + quoteIdent(y.name()) + ", " + m.sql() + " AS " + m.alias() + " FROM " + quoteIdent(t.name())
          + GenContext.where(fs, in) + " GROUP BY " + quoteIdent(y.name()) + " ORDER BY " + quoteIdent(y.name());
      List<String> patterns = new ArrayList<>(List.of("Compare the {S} {iny1} and {iny2}.",
          "Show the {S} for {y1} and for {y2}.", "What was the {S} {iny1} versus {iny2}?"));
      if (m.isCount()) {
        patterns.add("How many {head} were there {tail} {iny1} and {iny2}?");
      }
      return new Draft(family(), id(), sql, GenContext.literals(fs, ctx.yearLiteral(ys[0]), ctx.yearLiteral(ys[1])),
          GenContext.frames(patterns, r -> {
            NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(t), fs, ctx.lex.isEntity(t), r);
            String y1 = ctx.yearPhrase(ys[0], r, true);
            String y2 = ctx.yearPhrase(ys[1], r, true);
            return Map.of("S", m.subject(ctx, t, fs, r), "head", np.head(), "tail", np.tail(),
                "y1", y1, "y2", y2, "iny1", ctx.inYear(y1), "iny2", ctx.inYear(y2));
          }));
    }
  }

  /** {@code SELECT (SELECT metric … year = y2) - (SELECT metric … year = y1) AS change}. */
  static final class Difference implements Template {
    @Override public String id() {
      return "year-difference";
    }

    @Override public QueryFamily family() {
      return QueryFamily.YEAR_COMPARISON;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return yearTables(ctx);
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column y = ctx.yearColumn(t);
      Metric m = ctx.randomMetric(t, rng, false, FNS);
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, List.of(y.name())), t.name(), ctx.filterCount(rng, 0), rng);
      String[] ys = twoYears(ctx, t, y, fs, rng);
      if (ys == null) {
        return null;
      }
      String later = "(SELECT " + m.raw() + " FROM " + quoteIdent(t.name())
          + GenContext.where(fs, quoteIdent(y.name()) + " = " + Filters.sqlValue(ys[1])) + ")";
      String earlier = "(SELECT " + m.raw() + " FROM " + quoteIdent(t.name())
          + GenContext.where(fs, quoteIdent(y.name()) + " = " + Filters.sqlValue(ys[0])) + ")";
      String diff = later + " - " + earlier;
      String sql = "SELECT " + diff + " AS change";
      List<String> patterns = new ArrayList<>(List.of("How much did the {S} change from {y1} to {y2}?",
          "What is the change in the {S} from {y1} to {y2}?", "By how much did the {S} change between {y1} and {y2}?"));
      if (m.isCount()) {
        patterns.add("How many more {head} were there {tail} {iny2} than {iny1}?");
      }
      return new Draft(family(), id(), sql, GenContext.literals(fs, ctx.yearLiteral(ys[0]), ctx.yearLiteral(ys[1])),
          GenContext.frames(patterns, r -> {
            NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(t), fs, ctx.lex.isEntity(t), r);
            String y1 = ctx.yearPhrase(ys[0], r, true);
            String y2 = ctx.yearPhrase(ys[1], r, true);
            return Map.of("S", m.subject(ctx, t, fs, r), "head", np.head(), "tail", np.tail(),
                "y1", y1, "y2", y2, "iny1", ctx.inYear(y1), "iny2", ctx.inYear(y2));
          }));
    }
  }
}
