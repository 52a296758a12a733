package dev.quarry.eval.bank;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.quarry.core.workspace.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a defog sql-eval question file (github.com/defog-ai/sql-eval, {@code data/questions_gen_*.csv}):
 * a CSV with a header holding at least {@code question, query, db_name, query_category}.
 *
 * <p>Gold alternatives are expanded as sql-eval's {@code get_all_minimal_queries} (eval/eval.py) does:
 * the query is split at {@code ;} into alternatives, and in each, every {@code {a, b, ...}} group is
 * replaced by each non-empty subset of its comma-separated options (in order, joined with {@code ", "}),
 * e.g. {@code SELECT {id, name} FROM t} gives {@code SELECT id FROM t}, {@code SELECT name FROM t} and
 * {@code SELECT id, name FROM t}. Mapping: id = {@code defog-<row>} (1-based data row); category =
 * {@code query_category}; difficulty = Spider hardness of the first alternative (sql-eval has none).
 */
public final class DefogCsvBankReader {

  /** RFC 4180 CSV (quoted fields may hold commas, {@code ""} and line breaks; CRLF or LF), blank lines skipped. */
  private static final CsvMapper CSV = CsvMapper.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .build();

  private DefogCsvBankReader() {}

  /** All records of {@code text} (a leading byte order mark is dropped), as lists of fields. */
  static List<List<String>> records(String text) throws IOException {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).with(CsvSchema.emptySchema())
        .readValues(body)) {
      while (it.hasNextValue()) {
        rows.add(it.nextValue());
      }
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
    return rows;
  }

  /**
   * Reads the bank.
   *
   * @param csv the CSV file
   * @param dbFilter keep only rows with this {@code db_name}; null keeps all
   * @return the bank
   * @throws IllegalArgumentException naming the file and row for a missing column or malformed CSV
   */
  public static QueryBank read(Path csv, String dbFilter) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(csv);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read defog CSV " + csv + ": " + e.getMessage(), e);
    }
    dev.quarry.core.text.Utf8Lines.strict(bytes, csv.toString()); // names the line of any invalid byte
    List<List<String>> rows;
    try {
      rows = records(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(csv + ": not valid CSV: " + e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(csv + " is empty");
    }
    Map<String, Integer> col = new TreeMap<>();
    List<String> header = rows.get(0);
    for (int i = 0; i < header.size(); i++) {
      col.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    for (String need : List.of("question", "query", "db_name", "query_category")) {
      if (!col.containsKey(need)) {
        throw new IllegalArgumentException(csv + ": header lacks column '" + need + "'; it has " + header);
      }
    }
    List<BankQuestion> out = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() < header.size()) {
        throw new IllegalArgumentException(csv + " row " + r + ": " + row.size() + " fields, header has " + header.size());
      }
      String db = row.get(col.get("db_name"));
      if (dbFilter != null && !dbFilter.equals(db)) {
        continue;
      }
      List<String> gold = expand(row.get(col.get("query")));
      if (gold.isEmpty()) {
        throw new IllegalArgumentException(csv + " row " + r + ": empty query");
      }
      out.add(new BankQuestion("defog-" + r, row.get(col.get("question")), gold, row.get(col.get("query_category")),
          SpiderBankReader.hardness(gold.get(0)), null));
    }
    return new QueryBank(csv.toString(), Sha256.ofBytes(bytes), out);
  }

  /**
   * Expands one sql-eval gold query into its acceptable alternatives (see the class comment).
   *
   * @param query the query text with optional {@code ;} alternatives and {@code {a, b}} groups
   * @return the distinct alternatives in generation order
   */
  public static List<String> expand(String query) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String part : query.split(";")) {
      String q = part.strip();
      if (!q.isEmpty()) {
        expandBraces(q, out);
      }
    }
    return new ArrayList<>(out);
  }

  private static void expandBraces(String q, LinkedHashSet<String> out) {
    int start = q.indexOf('{');
    int end = start < 0 ? -1 : q.indexOf('}', start);
    if (start < 0 || end < 0) {
      out.add(q);
      return;
    }
    String[] options = q.substring(start + 1, end).split(",");
    List<String> opts = new ArrayList<>();
    for (String o : options) {
      if (!o.isBlank()) {
        opts.add(o.strip());
      }
    }
    String left = q.substring(0, start);
    String right = q.substring(end + 1);
    int m = opts.size();
    // subsets by size, then lexicographic order of indices (as itertools.combinations does)
    for (int size = 1; size <= m; size++) {
      combos(opts, size, 0, new ArrayList<>(), left, right, out);
    }
  }

  private static void combos(List<String> opts, int size, int from, List<String> chosen, String left, String right,
      LinkedHashSet<String> out) {
    if (chosen.size() == size) {
      String cols = String.join(", ", chosen);
      expandBraces(left + cols + right.replace("GROUP BY {}", "GROUP BY " + cols), out);
      return;
    }
    for (int i = from; i < opts.size(); i++) {
      chosen.add(opts.get(i));
      combos(opts, size, i + 1, chosen, left, right, out);
      chosen.remove(chosen.size() - 1);
    }
  }
}
