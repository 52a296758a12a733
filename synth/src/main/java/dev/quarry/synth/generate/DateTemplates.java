package dev.quarry.synth.generate;

import dev.quarry.core.domain.ColumnRole;
import static dev.quarry.core.sql.SqlIdentifiers.quoteIdent;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.PhraseCatalog;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Templates of the DATE_RANGE family on tables with a DATE column: ranges, months, before/after,
 * weekdays, counts per month, earliest/latest date and the busiest weekday. The year column is not
 * filtered together with a date condition, so that the date alone fixes the period.
 */
final class DateTemplates {
  private DateTemplates() {}

  static List<Template> all() {
    List<Template> out = new ArrayList<>();
    for (Kind k : Kind.values()) {
      out.add(new DateTemplate(k));
    }
    return out;
  }

  enum Kind { BETWEEN, MONTH, BEFORE_AFTER, WEEKDAY, BY_MONTH, FIRST_LAST, TOP_WEEKDAY }

  static Domain.Column dateColumn(Domain.Table t) {
    List<Domain.Column> d = t.columnsWithRole(ColumnRole.DATE);
    return d.isEmpty() ? null : d.get(0);
  }

  static final class DateTemplate implements Template {
    private final Kind kind;

    DateTemplate(Kind kind) {
      this.kind = kind;
    }

    @Override public String id() {
      return "date-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override public QueryFamily family() {
      return QueryFamily.DATE_RANGE;
    }

    @Override public double weight() {
      return kind == Kind.BETWEEN || kind == Kind.MONTH ? 1.0 : 0.6;
    }

    @Override public List<List<String>> targets(GenContext ctx) {
      return AggregateTemplates.tablesWith(ctx, t -> GenContext.countable(t) && dateColumn(t) != null
          && ctx.catalog.dates(t.name(), dateColumn(t).name()).isPresent());
    }

    @Override public Draft draw(GenContext ctx, List<String> tables, SplittableRandom rng) {
      Domain.Table t = ctx.table(tables.get(0));
      Domain.Column d = dateColumn(t);
      ValueCatalog.DateStats ds = ctx.catalog.dates(t.name(), d.name()).orElseThrow();
      LocalDate min = LocalDate.parse(ds.min());
      LocalDate max = LocalDate.parse(ds.max());
      Domain.Column y = ctx.yearColumn(t);
      List<String> exclude = y == null ? List.of() : List.of(y.name());
      boolean periodFree = kind == Kind.BY_MONTH || kind == Kind.FIRST_LAST || kind == Kind.TOP_WEEKDAY
          || kind == Kind.WEEKDAY;
      List<Filter> fs = ctx.sampleFilters(ctx.refs(t, false, periodFree ? List.of() : exclude), t.name(),
          Math.max(0, ctx.filterCount(rng, periodFree ? 1 : 0) - (periodFree ? 0 : rng.nextInt(2))), rng);
      List<String> nouns = ctx.lex.rowNouns(t);
      boolean entity = ctx.lex.isEntity(t);
      String c = quoteIdent(d.name());
      String from = " FROM " + quoteIdent(t.name());
      return switch (kind) {
        case BETWEEN -> {
          long span = max.toEpochDay() - min.toEpochDay();
          LocalDate a = min.plusDays(rng.nextLong(Math.max(1, span)));
          LocalDate b = a.plusDays(7 + rng.nextLong(Math.max(1, Math.min(120, max.toEpochDay() - a.toEpochDay()))));
          String pred = c + " BETWEEN DATE '" + a + "' AND DATE '" + b + "'";
          yield draft("SELECT COUNT(*) AS count" + from + GenContext.where(fs, pred),
              GenContext.literals(fs, new LiteralPhrases("DATE '" + a + "'", PhraseCatalog.datePhrases(a)),
                  new LiteralPhrases("DATE '" + b + "'", PhraseCatalog.datePhrases(b))),
              List.of("How many {head} {tail} occurred between {a} and {b}?",
                  "How many {head} were there {tail} from {a} to {b}?", "Count the {head} {tail} between {a} and {b}."),
              ctx, nouns, fs, entity, r -> Map.of("a", GenContext.pick(PhraseCatalog.datePhrases(a), r),
                  "b", GenContext.pick(PhraseCatalog.datePhrases(b), r)));
        }
        case MONTH -> {
          String month = String.valueOf(GenContext.pick(ds.months(), rng).value());
          String pred = "strftime(" + c + ", '%Y-%m') = '" + month + "'";
          yield draft("SELECT COUNT(*) AS count" + from + GenContext.where(fs, pred),
              GenContext.literals(fs, new LiteralPhrases("'" + month + "'", PhraseCatalog.monthPhrases(month))),
              List.of("How many {head} {tail} happened in {m}?", "How many {head} were there {tail} in {m}?",
                  "Count the {head} {tail} in {m}."),
              ctx, nouns, fs, entity, r -> Map.of("m", GenContext.pick(PhraseCatalog.monthPhrases(month), r)));
        }
        case BEFORE_AFTER -> {
          long span = max.toEpochDay() - min.toEpochDay();
          LocalDate a = min.plusDays(span / 5 + rng.nextLong(Math.max(1, span * 3 / 5)));
          boolean before = rng.nextBoolean();
          String pred = c + (before ? " < " : " > ") + "DATE '" + a + "'";
          String w = before ? "before" : "after";
          yield draft("SELECT COUNT(*) AS count" + from + GenContext.where(fs, pred),
              GenContext.literals(fs, new LiteralPhrases("DATE '" + a + "'", PhraseCatalog.datePhrases(a))),
              List.of("How many {head} {tail} occurred " + w + " {a}?", "Count the {head} {tail} " + w + " {a}.",
                  "How many {head} were there {tail} " + w + " {a}?"),
              ctx, nouns, fs, entity, r -> Map.of("a", GenContext.pick(PhraseCatalog.datePhrases(a), r)));
        }
        case WEEKDAY -> {
          DayOfWeek dow = DayOfWeek.of(1 + rng.nextInt(5));
          String day = dow.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
          String pred = "dayname(" + c + ") = '" + day + "'";
          yield draft("SELECT COUNT(*) AS count" + from + GenContext.where(fs, pred),
              GenContext.literals(fs, new LiteralPhrases("'" + day + "'", List.of(day, day + "s"))),
              List.of("How many {head} {tail} happened on a {d}?", "How many {head} were there {tail} on {d}s?",
                  "Count the {head} {tail} that occurred on {d}s."),
              ctx, nouns, fs, entity, r -> Map.of("d", day));
        }
        case BY_MONTH -> draft("SELECT strftime(" + c + ", '%Y-%m') AS month, COUNT(*) AS count" + from
                + GenContext.where(fs) + " GROUP BY month ORDER BY month", GenContext.literals(fs),
            List.of("How many {head} were there {tail} each month?", "Show the monthly number of {head} {tail}.",
                "Break down the {head} {tail} by month."),
            ctx, nouns, fs, entity, r -> Map.of());
        case FIRST_LAST -> {
          boolean last = rng.nextBoolean();
          String fn = last ? "MAX" : "MIN";
          List<String> singular = nouns.stream().map(Lexicon::singular).toList();
          List<String> patterns = last
              ? List.of("When was the most recent {head} {tail}?", "What is the date of the latest {head} {tail}?")
              : List.of("When was the first {head} {tail}?", "What is the earliest date of a {head} {tail}?");
          yield draft("SELECT " + fn + "(" + c + ") AS " + (last ? "latest_date" : "earliest_date") + from
                  + GenContext.where(fs), GenContext.literals(fs), patterns, ctx, singular, fs, false, r -> Map.of());
        }
        case TOP_WEEKDAY -> draft("SELECT dayname(" + c + ") AS weekday, COUNT(*) AS count" + from
                + GenContext.where(fs) + " GROUP BY weekday ORDER BY count DESC, weekday LIMIT 1",
            GenContext.literals(fs),
            List.of("Which day of the week had the most {head} {tail}?",
                "On which weekday were there the most {head} {tail}?"),
            ctx, nouns, fs, entity, r -> Map.of());
      };
    }

    private Draft draft(String sql, List<LiteralPhrases> lits, List<String> patterns, GenContext ctx, List<String> nouns,
        List<Filter> fs, boolean entity, java.util.function.Function<SplittableRandom, Map<String, String>> extra) {
      return new Draft(family(), id(), sql, lits, GenContext.frames(patterns, r -> {
        NounPhrase np = NounPhrase.of(nouns, fs, entity, r);
        Map<String, String> m = new java.util.HashMap<>(extra.apply(r));
        m.put("head", np.head());
        m.put("tail", np.tail());
        return m;
      }));
    }
  }
}
