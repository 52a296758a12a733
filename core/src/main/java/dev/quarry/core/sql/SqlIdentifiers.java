package dev.quarry.core.sql;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one way Quarry writes a table or column name into SQL it builds from a domain description (seed loading,
 * the synth templates, {@code ValueCatalog}'s statistics queries, the sandbox's own queries). A name is written
 * bare when DuckDB would read it back as the same plain identifier, otherwise in double quotes with embedded
 * double quotes doubled, like PostgreSQL's {@code quote_ident} (which DuckDB's parser follows). Bare means: ASCII
 * letters, digits and underscores, not starting with a digit, and not one of DuckDB's reserved, column-name or
 * type/function-name keywords (the three categories of {@code duckdb_keywords()} that cannot always stand as a
 * column name; unreserved keywords such as {@code year} can), and read by JSqlParser (which guards every statement
 * Quarry runs) as a plain table and column name: JSqlParser reserves words DuckDB does not, such as {@code returns}.
 * So the built-in domain's SQL reads as before, while a name with a quote, a space, a semicolon, a keyword or any
 * other character cannot change the statement.
 */
public final class SqlIdentifiers {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * DuckDB 2.0's keywords in the categories {@code reserved}, {@code column_name} and {@code type_function}
   * ({@code SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category <> 'unreserved'}).
   */
  static final Set<String> KEYWORDS = Set.of(
      // reserved
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
      "collate", "column", "constraint", "create", "default", "deferrable", "desc", "describe", "distinct", "do",
      "else", "end", "except", "false", "fetch", "for", "foreign", "from", "group", "having", "in", "initially",
      "intersect", "into", "lambda", "lateral", "leading", "limit", "not", "null", "offset", "on", "only", "or",
      "order", "pivot", "pivot_longer", "pivot_wider", "placing", "primary", "qualify", "references", "returning",
      "select", "show", "some", "summarize", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique",
      "unpivot", "using", "variadic", "when", "where", "window", "with",
      // column_name
      "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "columns", "dec", "decimal", "exists",
      "extract", "float", "generated", "grouping", "grouping_id", "inout", "int", "integer", "interval", "map",
      "national", "nchar", "none", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row",
      "setof", "smallint", "struct", "substring", "time", "timestamp", "treat", "trim", "try_cast", "tuple", "values",
      "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse",
      "xmlpi", "xmlroot", "xmlserialize", "xmltable",
      // type_function
      "anti", "asof", "at", "authorization", "binary", "by", "collation", "concurrently", "cross", "freeze", "full",
      "glob", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
      "positional", "right", "semi", "similar", "tablesample", "unpack", "verbose");

  /** Per plain name: whether JSqlParser reads it bare as a table and a column name (computed once per name). */
  private static final Map<String, Boolean> BARE_FOR_JSQLPARSER = new ConcurrentHashMap<>();

  private SqlIdentifiers() {}

  /** Whether JSqlParser parses the plain name bare wherever Quarry's SQL puts a table or column name. */
  private static boolean jsqlParserReadsBare(String name) {
    String n = name;
    String probe = "SELECT " + n + ", t." + n + ", COUNT(DISTINCT " + n + ") AS c FROM " + n + " JOIN " + n + " t ON "
        + n + "." + n + " = t." + n + " WHERE " + n + " IN (SELECT " + n + " FROM " + n + ") GROUP BY " + n
        + " ORDER BY " + n;
    try {
      CCJSqlParserUtil.parse(probe);
      return true;
    } catch (JSQLParserException | RuntimeException e) {
      return false;
    }
  }

  /**
   * A name as an SQL identifier.
   *
   * @param name a table, column or alias name (any characters)
   * @return the name bare when that is safe (see the class comment), else {@code "…"} with {@code "} doubled
   * @throws IllegalArgumentException if the name is null, empty or contains a NUL character (no quoting makes
   *     those a valid identifier)
   */
  public static String quoteIdent(String name) {
    if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("Not a usable SQL identifier: " + (name == null ? "null" : "'" + name + "'"));
    }
    if (PLAIN.matcher(name).matches() && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))
        && BARE_FOR_JSQLPARSER.computeIfAbsent(name, SqlIdentifiers::jsqlParserReadsBare)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * {@code table.column}, each part through {@link #quoteIdent}.
   *
   * @param table table name
   * @param column column name
   * @return the qualified identifier
   */
  public static String qualified(String table, String column) {
    return quoteIdent(table) + "." + quoteIdent(column);
  }
}
