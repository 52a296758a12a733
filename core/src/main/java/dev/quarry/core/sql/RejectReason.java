package dev.quarry.core.sql;

/**
 * Why a SQL text was refused before it ran. One class per kind of refusal, so that synth and the
 * eval-job can count refusals by kind.
 */
public enum RejectReason {
  /** The text is empty or only whitespace and comments. */
  EMPTY,
  /** The text is longer than {@link SqlValidator#MAX_LENGTH} characters. */
  TOO_LONG,
  /**
   * The text nests brackets deeper than {@link SqlShape#MAX_DEPTH} or has more than
   * {@link SqlShape#MAX_OPERATORS} operators (checked before any recursive walk), or a recursive walk
   * still ran out of stack.
   */
  TOO_COMPLEX,
  /** JSqlParser cannot parse the text (or parsing took too long). */
  PARSE_ERROR,
  /** More than one statement, as DuckDB or JSqlParser would split the text. */
  MULTIPLE_STATEMENTS,
  /** A single statement that is not a query (e.g. {@code SHOW}, {@code VALUES}-less oddities). */
  NOT_A_SELECT,
  /** DDL, DML, ATTACH, COPY, PRAGMA, INSTALL/LOAD, SET, CALL, EXPORT and the like, also inside a CTE. */
  FORBIDDEN_STATEMENT,
  /** A table function (read_csv, read_parquet, glob, query, …) or another file/system function. */
  TABLE_FUNCTION,
  /** A table (or table qualifier) that is neither a domain table nor a CTE/derived-table name. */
  UNKNOWN_TABLE,
  /** A column that is in none of the referenced domain tables and is no alias. */
  UNKNOWN_COLUMN,
  /** DuckDB's own parser ({@code json_serialize_sql}) refused the text: the authoritative second gate. */
  DUCKDB_GATE
}
