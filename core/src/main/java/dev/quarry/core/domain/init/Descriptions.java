package dev.quarry.core.domain.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * User-supplied descriptions of tables and columns, read from a CSV file (header {@code table,column,description};
 * an empty column describes the table; fields may be double-quoted) or a JSON file (an array of objects with
 * {@code table}, {@code column} (optional) and {@code description}). Immutable.
 */
public final class Descriptions {

  /** No descriptions. */
  public static final Descriptions NONE = new Descriptions(Map.of());

  private final Map<String, String> byKey; // "table\0column" (column "" for the table)

  private Descriptions(Map<String, String> byKey) {
    this.byKey = byKey;
  }

  /**
   * Reads a descriptions file ({@code .json}, else CSV).
   *
   * @throws DomainInitException {@link InitError#DESCRIPTIONS_INVALID} when the file is missing or malformed;
   *     the message names the line or entry
   */
  public static Descriptions read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DomainInitException(InitError.DESCRIPTIONS_INVALID, "Descriptions file not found: " + file);
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? json(text, file)
          : csv(text, file);
    } catch (IOException e) {
      throw new DomainInitException(InitError.DESCRIPTIONS_INVALID, "Cannot read " + file + ": " + e, e);
    }
  }

  /** The description of {@code table} (column null) or of {@code table.column}, if given. */
  public Optional<String> of(String table, String column) {
    return Optional.ofNullable(byKey.get(key(table, column)));
  }

  /** The (table, column) pairs described, column "" for a table, sorted: to report those that match nothing. */
  public List<String[]> keys() {
    List<String[]> out = new ArrayList<>();
    byKey.keySet().forEach(k -> out.add(k.split("\0", -1)));
    return out;
  }

  private static String key(String table, String column) {
    return table.toLowerCase(Locale.ROOT) + "\0" + (column == null ? "" : column.toLowerCase(Locale.ROOT));
  }

  private static Descriptions json(String text, Path file) {
    Map<String, String> m = new TreeMap<>();
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new DomainInitException(InitError.DESCRIPTIONS_INVALID, "Malformed JSON in " + file + ": "
          + DuckDbCatalog.firstLine(e), e);
    }
    if (root == null || !root.isArray()) {
      throw new DomainInitException(InitError.DESCRIPTIONS_INVALID,
          file + " must hold a JSON array of {\"table\", \"column\", \"description\"} objects");
    }
    int i = 0;
    for (JsonNode n : root) {
      i++;
      if (!n.hasNonNull("table") || !n.hasNonNull("description")) {
        throw new DomainInitException(InitError.DESCRIPTIONS_INVALID,
            "Entry " + i + " of " + file + " needs \"table\" and \"description\"");
      }
      String col = n.hasNonNull("column") ? n.get("column").asText() : null;
      m.put(key(n.get("table").asText(), col == null || col.isBlank() ? null : col), n.get("description").asText().strip());
    }
    return new Descriptions(m);
  }

  private static Descriptions csv(String text, Path file) {
    Map<String, String> m = new TreeMap<>();
    List<List<String>> rows = parseCsv(text, file);
    if (rows.isEmpty() || rows.get(0).size() < 3
        || !rows.get(0).get(0).strip().equalsIgnoreCase("table")
        || !rows.get(0).get(1).strip().equalsIgnoreCase("column")
        || !rows.get(0).get(2).strip().equalsIgnoreCase("description")) {
      throw new DomainInitException(InitError.DESCRIPTIONS_INVALID,
          file + " must start with the header line: table,column,description");
    }
    for (int i = 1; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      if (r.size() == 1 && r.get(0).isBlank()) {
        continue;
      }
      if (r.size() != 3 || r.get(0).isBlank()) {
        throw new DomainInitException(InitError.DESCRIPTIONS_INVALID,
            "Row " + (i + 1) + " of " + file + " needs 3 fields (table,column,description), has " + r.size());
      }
      String col = r.get(1).strip();
      m.put(key(r.get(0).strip(), col.isEmpty() ? null : col), r.get(2).strip());
    }
    return new Descriptions(m);
  }

  /** RFC 4180 CSV: comma-separated, double-quoted fields may hold commas, quotes ("") and newlines. */
  private static List<List<String>> parseCsv(String text, Path file) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(f.toString());
        f.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(f.toString());
        f.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        f.append(c);
      }
    }
    if (quoted) {
      throw new DomainInitException(InitError.DESCRIPTIONS_INVALID, "Unterminated quoted field in " + file);
    }
    if (f.length() > 0 || !row.isEmpty()) {
      row.add(f.toString());
      rows.add(row);
    }
    return rows;
  }
}
