package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlIdentifiers;
import dev.quarry.core.sql.SqlSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in domain with hostile table and column names (quotes, spaces, a semicolon and comment marker,
 * keywords): the value catalog's statistics queries and every synth template quote them through
 * {@link SqlIdentifiers}, so the catalog holds the same values as for the plain names and the generated SQL runs
 * (no syntax, binder or unknown-name errors).
 */
class HostileNamesTest {

  private static final Map<String, String> TABLES = Map.of("students", "stu\"dents", "grades", "select",
      "attendance", "atten dance", "discipline", "disc;ipline--", "enrollment", "Enrollment's");
  private static final Map<String, String> COLUMNS = Map.of("school_name", "school \"name\"", "grade_level", "order",
      "student_id", "student id", "gpa", "g;pa", "school_year", "from", "gender", "gen'der");

  @Test
  void catalogAndTemplatesQuoteHostileNames(@TempDir Path tmp) throws Exception {
    Domain plain = TestData.domain();
    Domain hostile = hostileDomain(tmp);
    Path seed = hostileSeed(plain, TestData.seedDir(), tmp.resolve("seed"));

    ValueCatalog catalog = ValueCatalog.fromSeed(hostile, seed);
    assertThat(catalog.values("stu\"dents", "school \"name\""))
        .isEqualTo(TestData.catalog().values("students", "school_name"));
    assertThat(catalog.values("select", "from")).isEqualTo(TestData.catalog().values("grades", "school_year"));
    assertThat(catalog.measure("select", "g;pa")).isEqualTo(TestData.catalog().measure("grades", "gpa"));

    List<Candidate> candidates = new CandidateGenerator(hostile, catalog, TestData.small()).generateAll();
    assertThat(candidates).hasSizeGreaterThan(100);
    assertThat(candidates).anyMatch(c -> c.sql().contains("\"stu\"\"dents\""));
    Map<String, Integer> failures = new TreeMap<>();
    List<String> examples = new ArrayList<>();
    int ok = 0;
    try (SqlSandbox box = SqlSandbox.open(hostile, seed,
        SandboxSettings.defaults().withIsolation(SandboxSettings.Isolation.IN_PROCESS))) {
      for (Candidate c : candidates) {
        QueryOutcome o = box.execute(c.sql());
        if (o.status() == QueryOutcome.Status.OK) {
          ok++;
        } else {
          String kind = o.status() + " " + (o.rejectReason() != null ? o.rejectReason() : o.errorClass());
          failures.merge(kind, 1, Integer::sum);
          if (examples.size() < 5) {
            examples.add(kind + ": " + o.message() + " | " + c.sql());
          }
        }
      }
    }
    assertThat(failures).as("failures " + examples).isEmpty();
    assertThat(ok).isEqualTo(candidates.size());
  }

  private static Domain hostileDomain(Path tmp) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode d = json.readTree(DomainLoader.rawBytes("education"));
    rename(d);
    Path file = tmp.resolve("hostile").resolve("domain.json");
    Files.createDirectories(file.getParent());
    json.writeValue(file.toFile(), d);
    return DomainLoader.load(file.toString());
  }

  /** Renames tables and columns wherever the description names them. */
  private static void rename(JsonNode d) {
    for (JsonNode t : d.get("tables")) {
      ((ObjectNode) t).put("name", TABLES.get(t.get("name").asText()));
      for (JsonNode c : t.get("columns")) {
        String n = c.get("name").asText();
        ((ObjectNode) c).put("name", COLUMNS.getOrDefault(n, n));
      }
      ArrayNode key = (ArrayNode) t.get("sortKey");
      for (int i = 0; i < key.size(); i++) {
        key.set(i, TextNode.valueOf(COLUMNS.getOrDefault(key.get(i).asText(), key.get(i).asText())));
      }
    }
    for (JsonNode j : d.get("joins")) {
      ObjectNode o = (ObjectNode) j;
      o.put("left", TABLES.get(o.get("left").asText()));
      o.put("right", TABLES.get(o.get("right").asText()));
      o.put("on", COLUMNS.getOrDefault(o.get("on").asText(), o.get("on").asText()));
    }
    ObjectNode years = (ObjectNode) d.get("years");
    years.put("column", COLUMNS.get(years.get("column").asText()));
  }

  /** The fake seed rewritten under the hostile table folders and column names. */
  private static Path hostileSeed(Domain plain, Path from, Path to) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions=false");
      st.execute("SET autoload_known_extensions=false");
      for (Domain.Table t : plain.tables()) {
        Path dir = Files.createDirectories(to.resolve(TABLES.get(t.name())));
        List<String> cols = new ArrayList<>();
        for (String n : t.columnNames()) {
          cols.add(n + " AS " + SqlIdentifiers.quoteIdent(COLUMNS.getOrDefault(n, n)));
        }
        st.execute("COPY (SELECT " + String.join(", ", cols) + " FROM read_parquet('" + from.resolve(t.name())
            + "/*.parquet')) TO '" + dir.resolve("part-0.parquet").toString().replace("'", "''") + "' (FORMAT parquet)");
      }
    }
    return to;
  }
}
