package dev.quarry.eval.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.core.sql.SpiderHardness;
import dev.quarry.core.workspace.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a Spider split ({@code dev.json}: a JSON array of {@code {db_id, question, query, ...}}; Yu et al.
 * 2018, github.com/taoyds/spider) together with its {@code tables.json} (array of
 * {@code {db_id, table_names_original, ...}}).
 *
 * <p>Mapping: id = {@code spider-<index>}; gold = {@code query}; category = {@code db_id}; difficulty =
 * {@link SpiderHardness} of the gold query (Spider's own rule). Entries whose {@code db_id} is not in
 * {@code tables.json} are an error; when {@code dbFilter} is given only that database's entries are kept.
 */
public final class SpiderBankReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SpiderBankReader() {}

  /**
   * Reads the bank.
   *
   * @param devJson path of dev.json (or train_spider.json)
   * @param tablesJson path of tables.json
   * @param dbFilter keep only this db_id; null keeps all
   * @return the bank (sha256 of dev.json)
   * @throws IllegalArgumentException naming the file for unreadable or malformed input
   */
  public static QueryBank read(Path devJson, Path tablesJson, String dbFilter) {
    JsonNode dev = readJson(devJson);
    JsonNode tables = readJson(tablesJson);
    if (!dev.isArray()) {
      throw new IllegalArgumentException(devJson + ": expected a JSON array of Spider examples");
    }
    if (!tables.isArray()) {
      throw new IllegalArgumentException(tablesJson + ": expected a JSON array of Spider schemas");
    }
    Set<String> dbs = new HashSet<>();
    tables.forEach(t -> dbs.add(t.path("db_id").asText()));
    List<BankQuestion> out = new ArrayList<>();
    int i = 0;
    for (JsonNode e : dev) {
      String db = e.path("db_id").asText(null);
      String q = e.path("question").asText(null);
      String sql = e.path("query").asText(null);
      if (db == null || q == null || sql == null) {
        throw new IllegalArgumentException(devJson + " entry " + i + ": needs db_id, question and query");
      }
      if (!dbs.contains(db)) {
        throw new IllegalArgumentException(devJson + " entry " + i + ": db_id '" + db + "' is not in " + tablesJson);
      }
      if (dbFilter == null || dbFilter.equals(db)) {
        String level = hardness(sql);
        out.add(new BankQuestion("spider-" + i, q, List.of(sql), db, level, null));
      }
      i++;
    }
    try {
      return new QueryBank(devJson.toString(), Sha256.ofBytes(Files.readAllBytes(devJson)), out);
    } catch (IOException ex) {
      throw new IllegalArgumentException("Cannot read " + devJson + ": " + ex.getMessage(), ex);
    }
  }

  /** Spider hardness of {@code sql}; "extra" when JSqlParser cannot parse it (it is then unscorable anyway). */
  static String hardness(String sql) {
    try {
      return SpiderHardness.classify(sql).name().toLowerCase(Locale.ROOT);
    } catch (RuntimeException e) {
      return "extra";
    }
  }

  private static JsonNode readJson(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read Spider file " + p + ": " + e.getMessage(), e);
    }
  }
}
