package dev.quarry.core.domain.init;

import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.SqlType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses a column's {@link ColumnRole} from its type, its cardinality and uniqueness ({@link ColumnProfile}) and
 * its name, with a confidence and the evidence in words. Rules, first match wins:
 * <ol>
 *   <li>BOOLEAN → flag; DATE (or timestamp) → date;</li>
 *   <li>a year-like name ({@code year}, {@code yr}, {@code fiscal_year}…) holding 4-digit years (1900–2100, or
 *       text such as {@code 2023-2024}) → year;</li>
 *   <li>a key (declared primary or foreign key, or a join column), an {@code id}/{@code *_id}/{@code *_key}/{@code
 *       *_code} name, or a unique integer → id;</li>
 *   <li>DOUBLE → measure; INTEGER → measure, unless it has few distinct values and no measure-like name
 *       (then a dimension, with low confidence);</li>
 *   <li>VARCHAR with at most the vocabulary cap of distinct values, repeated across rows → dimension; otherwise,
 *       or with a name such as {@code name}, {@code description}, {@code comment} → free text.</li>
 * </ol>
 * A table without rows leaves only type and name as evidence: confidences are lowered.
 */
public final class RoleInference {

  private static final Pattern YEAR_NAME = Pattern.compile("(^|_)(year|yr|fy|fiscal_year|school_year)$|^year(_|$)");
  private static final Pattern YEAR_TEXT = Pattern.compile("\\d{4}([-/]\\d{2}(\\d{2})?)?");
  private static final Pattern ID_NAME = Pattern.compile("(^|_)(id|key|code|uuid|guid|pk|fk|no|nbr|number)$|^id_");
  private static final Set<String> MEASURE_WORDS = Set.of("amount", "quantity", "price", "cost", "total", "count",
      "sum", "average", "percent", "rate", "ratio", "score", "balance", "revenue", "sales", "weight", "height",
      "length", "width", "age", "duration", "days", "hours", "minutes", "seconds", "distance", "size", "volume",
      "value", "fee", "tax", "discount", "salary", "income", "points", "budget", "profit", "margin", "number");
  private static final Set<String> TEXT_WORDS = Set.of("name", "title", "description", "comment", "comments",
      "note", "notes", "address", "email", "phone", "telephone", "url", "text", "message", "remark", "remarks",
      "street", "summary", "body", "label");

  private final int cap;

  /** @param cap the most distinct values a vocabulary may have */
  public RoleInference(int cap) {
    this.cap = cap;
  }

  /**
   * Guesses the role of one column.
   *
   * @param name the column name
   * @param type its domain type
   * @param typeNote what the type mapping assumed (e.g. a timestamp read as a date), or null
   * @param profile its statistics
   * @param key why the column is a key ("declared primary key", "joins orders"), or null when it is not one
   * @return the guess
   */
  public RoleGuess infer(String name, SqlType type, String typeNote, ColumnProfile profile, String key) {
    RoleGuess g = rules(name.toLowerCase(Locale.ROOT), Identifiers.words(name), type, profile, key);
    String ev = g.evidence() + (typeNote == null ? "" : "; " + typeNote);
    if (profile.rows() == 0) {
      return new RoleGuess(g.role(), round(g.confidence() * 0.6), ev + "; the table has no rows, so only the type"
          + " and name were used");
    }
    return new RoleGuess(g.role(), round(g.confidence()), ev);
  }

  private RoleGuess rules(String lower, List<String> words, SqlType type, ColumnProfile p, String key) {
    String stats = p.distinct() + " distinct of " + p.rows() + " rows";
    switch (type) {
      case BOOLEAN:
        return new RoleGuess(ColumnRole.FLAG, 0.95, "BOOLEAN type");
      case DATE:
        return new RoleGuess(ColumnRole.DATE, 0.95, "DATE type");
      default:
        break;
    }
    if (YEAR_NAME.matcher(lower).find() && yearValues(type, p)) {
      return new RoleGuess(ColumnRole.YEAR, 0.9, "year-like name with year values (" + stats + ")");
    }
    if (key != null) {
      return new RoleGuess(ColumnRole.ID, 0.95, key);
    }
    boolean idName = ID_NAME.matcher(lower).find() || "ID".equals(words.get(words.size() - 1));
    if (idName && type != SqlType.DOUBLE) {
      return new RoleGuess(ColumnRole.ID, p.unique() ? 0.9 : 0.8,
          "identifier-like name" + (p.unique() ? ", unique values" : "") + " (" + stats + ")");
    }
    if (type == SqlType.INTEGER && p.unique() && p.rows() > cap) {
      return new RoleGuess(ColumnRole.ID, 0.6, "unique integer values (" + stats + ")");
    }
    boolean measureName = words.stream().anyMatch(MEASURE_WORDS::contains)
        || lower.startsWith("n_") || lower.startsWith("num_");
    if (type == SqlType.DOUBLE) {
      return new RoleGuess(ColumnRole.MEASURE, measureName ? 0.95 : 0.85,
          "DOUBLE type" + (measureName ? ", measure-like name" : ""));
    }
    if (type == SqlType.INTEGER) {
      boolean few = p.distinct() <= Math.min(cap, 20) && p.rows() > 0 && p.distinct() * 2 <= p.rows();
      if (few && !measureName) {
        return new RoleGuess(ColumnRole.DIMENSION, 0.5,
            "INTEGER with few values (" + stats + "): a code to group by, or a small count to add up?");
      }
      return new RoleGuess(ColumnRole.MEASURE, measureName ? 0.9 : 0.75,
          "INTEGER type" + (measureName ? ", measure-like name" : "") + " (" + stats + ")");
    }
    // VARCHAR
    boolean textName = words.stream().anyMatch(TEXT_WORDS::contains);
    boolean repeated = p.rows() > 0 && p.distinct() <= cap && p.distinct() * 2 <= p.rows();
    if (textName && !repeated) {
      return new RoleGuess(ColumnRole.TEXT, 0.85, "text-like name (" + stats + ")");
    }
    if (repeated && p.averageLength() <= 40) {
      double c = textName ? 0.6 : p.distinct() <= 20 ? 0.9 : 0.75;
      return new RoleGuess(ColumnRole.DIMENSION, c, "VARCHAR with few repeated values (" + stats + ")"
          + (textName ? " although the name reads like free text" : ""));
    }
    if (p.rows() == 0) {
      return new RoleGuess(ColumnRole.DIMENSION, 0.5, "VARCHAR type");
    }
    return new RoleGuess(ColumnRole.TEXT, p.distinct() > cap ? 0.8 : 0.6,
        "VARCHAR with many different values (" + stats + "): free text, not a vocabulary");
  }

  private static boolean yearValues(SqlType type, ColumnProfile p) {
    if (p.rows() == 0) {
      return type == SqlType.INTEGER || type == SqlType.VARCHAR;
    }
    if (type == SqlType.INTEGER) {
      return p.min() != null && p.min() >= 1900 && p.max() <= 2100;
    }
    if (type == SqlType.VARCHAR) {
      return !p.values().isEmpty() && p.values().stream().allMatch(v -> YEAR_TEXT.matcher(v.toString()).matches());
    }
    return false;
  }

  static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }
}
