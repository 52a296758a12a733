package dev.quarry.pipelines.ask;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes a query result as CSV (RFC 4180 quoting, written by Jackson's CSV module) for a spreadsheet or
 * another program: a header row with the column names, then one row per result row.
 *
 * <p>Fields holding a comma, a double quote, a line break or a space are quoted (Jackson's default, which
 * also keeps leading and trailing spaces for readers that would trim them), and quotes inside are doubled. Values are exact: null is an empty field, decimals have full precision and no
 * exponent ({@code 0.30000000000000004}, {@code 100000000000000000000}), dates are ISO
 * ({@code 2024-09-01}), booleans {@code true}/{@code false}. Lines end with {@code \n}; spreadsheets read
 * that as well as {@code \r\n}.
 */
public final class ResultCsv {

  private static final CsvMapper MAPPER = new CsvMapper();
  private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator("\n");

  private ResultCsv() {}

  /**
   * Writes {@code rows} under a header of {@code columns}.
   *
   * @param columns column names (at least one)
   * @param rows rows of plain values, each as long as {@code columns}
   * @return the CSV text, ending with a line break
   * @throws IllegalArgumentException when there is no column or a row has another length
   */
  public static String render(List<String> columns, List<List<Object>> rows) {
    int n = columns.size();
    if (n == 0) {
      throw new IllegalArgumentException("CSV needs at least one column");
    }
    StringWriter out = new StringWriter();
    // Every field is written as a string: Jackson's CSV writer drops null array elements, which would
    // shift the later fields of the row to the left.
    try (SequenceWriter w = MAPPER.writer(SCHEMA).writeValues(out)) {
      w.write(columns.toArray(new String[0]));
      for (List<Object> row : rows) {
        if (row.size() != n) {
          throw new IllegalArgumentException("row of " + row.size() + " values under " + n + " columns");
        }
        String[] fields = new String[n];
        for (int c = 0; c < n; c++) {
          fields[c] = field(row.get(c));
        }
        w.write(fields);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The exact text of one value in CSV (before quoting).
   *
   * @param value a plain value or null
   * @return empty for null, plain decimal notation for floating-point numbers, {@code toString} otherwise
   */
  public static String field(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      return BigDecimal.valueOf(d).toPlainString();
    }
    if (value instanceof Float f && !f.isNaN() && !f.isInfinite()) {
      return new BigDecimal(Float.toString(f)).toPlainString();
    }
    return String.valueOf(value);
  }
}
