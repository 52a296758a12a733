package dev.quarry.synth.generate;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.sql.SqlIdentifiers;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a query computes: a row count or an aggregate of a measure.
 *
 * @param sql the select expression, e.g. {@code COUNT(*)} or {@code AVG(gpa)}: never rounded, because rounding is
 *     presentation, not meaning, and a rounded answer differs from the exact one that staff and banks expect
 * @param raw the same expression, for HAVING and differences
 * @param alias output column name, e.g. {@code count}, {@code avg_gpa}
 * @param fn COUNT, AVG, SUM, MIN or MAX
 * @param measure the measure column, null for COUNT
 * @param words adjectives of the aggregate ("average", "mean"); empty for COUNT
 */
record Metric(String sql, String raw, String alias, String fn, Domain.Column measure, List<String> words) {

  static Metric count() {
    return new Metric("COUNT(*)", "COUNT(*)", "count", "COUNT", null, List.of());
  }

  /** The result column name, e.g. {@code avg_gpa}, as written in SQL. */
  private static String alias(String prefix, Domain.Column m) {
    return SqlIdentifiers.quoteIdent(prefix + m.name());
  }

  static Metric of(String fn, Domain.Table t, Domain.Column m, boolean qualified) {
    String c = Filters.sqlCol(t, m, qualified);
    return switch (fn) {
      case "AVG" -> new Metric("AVG(" + c + ")", "AVG(" + c + ")", alias("avg_", m), fn, m,
          List.of("average", "mean"));
      case "SUM" -> new Metric("SUM(" + c + ")", "SUM(" + c + ")", alias("total_", m), fn, m, List.of("total"));
      case "MAX" -> new Metric("MAX(" + c + ")", "MAX(" + c + ")", alias("max_", m), fn, m,
          List.of("highest", "maximum"));
      case "MIN" -> new Metric("MIN(" + c + ")", "MIN(" + c + ")", alias("min_", m), fn, m,
          List.of("lowest", "minimum"));
      default -> throw new IllegalArgumentException("Unknown aggregate " + fn);
    };
  }

  boolean isCount() {
    return measure == null;
  }


  /**
   * The thing measured, without article: "number of {head} {tail}" for counts, "{adjective} {measure
   * phrase} {tail}" for aggregates, and for half of the entity-counting SUMs ({@link #countsEntities}) "number
   * of {entities}" ("number of ninth graders at Lincoln in 2023-24").
   */
  String subject(GenContext ctx, Domain.Table t, List<Filter> filters, SplittableRandom rng) {
    if (isCount()) {
      NounPhrase np = NounPhrase.of(ctx.lex.rowNouns(t), filters, ctx.lex.isEntity(t), rng);
      return "number of " + np.full();
    }
    if (countsEntities(ctx, t, filters) && rng.nextBoolean()) {
      return "number of " + entities(ctx, filters, rng).full();
    }
    NounPhrase np = NounPhrase.tailOnly(filters, ctx.lex.rowNouns(t), rng);
    return GenContext.pick(words, rng) + " " + GenContext.pick(ctx.lex.columnPhrases(measure), rng) + " " + np.tail();
  }

  /**
   * Whether this is a SUM of a measure that counts the domain's entities ({@link Lexicon#countsEntities}) and,
   * when the table has a year column, {@code filters} fix one year: a headcount summed over several years
   * is not a number of people, so only then may the question ask "how many students".
   */
  boolean countsEntities(GenContext ctx, Domain.Table t, List<Filter> filters) {
    if (!"SUM".equals(fn) || !ctx.lex.countsEntities(measure)) {
      return false;
    }
    Domain.Column year = ctx.yearColumn(t);
    return year == null || filters.stream().anyMatch(f -> f.value() != null
        && (f.column().equals(year.name()) || f.column().endsWith("." + year.name())));
  }

  /**
   * The entities counted by an entity-counting SUM ({@link #countsEntities}) as a noun phrase around the
   * entity's phrases, with member nouns allowed: head "ninth graders", tail "at Lincoln in 2023-24".
   */
  NounPhrase entities(GenContext ctx, List<Filter> filters, SplittableRandom rng) {
    return NounPhrase.of(ctx.lex.domain().entity().phrases(), filters, true, rng);
  }
}
