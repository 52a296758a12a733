package dev.quarry.pipelines.ask;

/** How {@code quarry ask} prints an answer; see {@link AnswerPrinter}. */
public enum OutputFormat {
  /** The SQL laid out on several lines, then the result as an aligned table: for reading. */
  table,
  /** The result as CSV on standard output (the SQL and notes on standard error): for a spreadsheet. */
  csv,
  /** One JSON object per question and line (JSON Lines): for programs. */
  json
}
