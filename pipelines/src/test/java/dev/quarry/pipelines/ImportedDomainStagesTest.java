package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.duckdb.LocalDuckDb;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed and synth stages on a domain imported with {@code quarry domain init} from the shop database (SQLite):
 * the seed stage snapshots the source under the domain's name, skips an unchanged source, refuses a changed schema
 * without touching the workspace; synth (the Beam pipeline, in-process) writes pairs whose SQL, joins included,
 * executes on the snapshot.
 */
class ImportedDomainStagesTest {

  @TempDir Path dir;

  private Path importShop() throws Exception {
    Path db = ShopSource.sqlite(dir);
    Path file = dir.resolve("domains/shop.json");
    assertThat(QuarryCli.execute("domain", "init", "--source", "sqlite:" + db, "--name", "shop", "--out",
        file.toString())).isZero();
    return file;
  }

  @Test
  void seedSnapshotsTheSourceUnderTheDomainNameAndRefusesASchemaChange() throws Exception {
    Path file = importShop();
    Path ws = dir.resolve("ws");
    assertThat(QuarryCli.execute("seed", "--domain", file.toString(), "--workspace", ws.toString())).isZero();
    Path seed = ws.resolve("seed/shop-s42-x1");
    assertThat(new Workspace(ws).seedDir(file.toString(), 42, 1)).isEqualTo(seed);
    Manifest m = Manifests.verify(seed);
    assertThat(m.counts().get("source").asText()).startsWith("sqlite:").endsWith("shop.sqlite");
    assertThat(m.counts().get("schema_sha256").asText()).hasSize(64);
    assertThat(m.counts().get("rows").get("orders").asLong()).isEqualTo(200);
    assertThat(m.counts().get("rows").get("order_items").asLong()).isEqualTo(400);
    assertThat(Files.exists(seed.resolve("customers/part-00000-of-00001.parquet"))).isTrue();
    String manifest = Files.readString(seed.resolve("manifest.json"));

    // Unchanged source: skipped, the manifest is the same file.
    assertThat(QuarryCli.execute("seed", "--domain", file.toString(), "--workspace", ws.toString())).isZero();
    assertThat(Files.readString(seed.resolve("manifest.json"))).isEqualTo(manifest);

    // Sampled: at most 50 rows a table, recorded in the manifest.
    Path ws2 = dir.resolve("ws2");
    assertThat(QuarryCli.execute("seed", "--domain", file.toString(), "--workspace", ws2.toString(),
        "--max-rows-per-table", "50")).isZero();
    Manifest sampled = Manifests.verify(ws2.resolve("seed/shop-s42-x1"));
    assertThat(sampled.counts().get("rows").get("orders").asLong()).isEqualTo(50);
    assertThat(sampled.counts().get("source_rows").get("orders").asLong()).isEqualTo(200);

    // The source's schema changes: refused, the snapshot is left as it was.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("shop.sqlite"));
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE returns RENAME COLUMN reason TO why");
    }
    assertThat(QuarryCli.execute("seed", "--domain", file.toString(), "--workspace", ws.toString()))
        .isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(Files.readString(seed.resolve("manifest.json"))).isEqualTo(manifest);
    Manifests.verify(seed);
  }

  @Test
  void aSnapshotOfAnotherSchemaIsNotReplacedWithoutForce() throws Exception {
    Path file = importShop();
    Path ws = dir.resolve("ws");
    assertThat(QuarryCli.execute("seed", "--domain", file.toString(), "--workspace", ws.toString())).isZero();
    Path seed = ws.resolve("seed/shop-s42-x1");
    String manifest = Files.readString(seed.resolve("manifest.json"));
    // The source changes and the domain file is drafted again: its schema hash is no longer the snapshot's.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("shop.sqlite"));
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE returns RENAME COLUMN reason TO why");
    }
    assertThat(QuarryCli.execute("domain", "init", "--source", "sqlite:" + dir.resolve("shop.sqlite"), "--name",
        "shop", "--out", file.toString(), "--force")).isZero();
    ConsoleCapture.Captured run = ConsoleCapture.run(
        () -> QuarryCli.execute("seed", "--domain", file.toString(), "--workspace", ws.toString()));
    assertThat(run.exitCode()).isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(run.stderr()).contains("was taken from a source with schema hash")
        .contains("--force");
    assertThat(Files.readString(seed.resolve("manifest.json"))).isEqualTo(manifest);
    assertThat(QuarryCli.execute("seed", "--domain", file.toString(), "--workspace", ws.toString(), "--force"))
        .isZero();
    assertThat(Manifests.verify(seed).counts().get("schema_sha256").asText())
        .isEqualTo(dev.quarry.core.snapshot.SchemaHash.ofDomain(DomainLoader.load(file.toString())));
  }

  @Test
  void synthOnTheImportedShopWritesPairsWhoseSqlExecutesJoinsIncluded() throws Exception {
    Path file = importShop();
    List<String> sql = synthAndExecuteAll(file, "3");
    assertThat(sql).anyMatch(q -> q.contains("orders.order_id = \"returns\".order_ref")); // a join on rightOn
  }

  @Test
  void synthNeedsNoYearsNoEntityAndNoGenerator() throws Exception {
    Path file = importShop();
    ObjectMapper json = new ObjectMapper();
    ObjectNode d = (ObjectNode) json.readTree(file.toFile());
    d.remove("years");
    d.remove("entity");
    d.remove("generator");
    for (JsonNode t : d.get("tables")) {
      for (JsonNode c : t.get("columns")) {
        if (c.get("role").asText().equals("year")) {
          ((ObjectNode) c).put("role", "dimension");
        }
      }
    }
    Path edited = dir.resolve("domains/shop_no_years.json");
    d.put("name", "shop_no_years");
    json.writeValue(edited.toFile(), d);
    Domain loaded = DomainLoader.load(edited.toString());
    assertThat(loaded.years()).isNull();
    assertThat(loaded.entity()).isNull();
    List<String> sql = synthAndExecuteAll(edited, "2");
    assertThat(sql).anyMatch(q -> q.contains(" JOIN "));
  }

  /** Runs synth (and the seed snapshot) on {@code file}; checks that every kept SQL executes; returns the SQL. */
  private List<String> synthAndExecuteAll(Path file, String samplesPerTemplate) throws Exception {
    Path ws = dir.resolve("ws");
    assertThat(QuarryCli.execute("synth", "--domain", file.toString(), "--workspace", ws.toString(),
        "--samples-per-template", samplesPerTemplate)).isZero();
    Domain domain = DomainLoader.load(file.toString());
    Path dataset = new Workspace(ws).datasetDir(file.toString(), 42, 1);
    Manifests.verify(dataset);
    Set<String> families = new TreeSet<>();
    List<String> all = new ArrayList<>();
    try (Connection c = LocalDuckDb.open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT DISTINCT family, sql FROM read_parquet('" + dataset
            + "/parquet/*/*.parquet') ORDER BY family, sql")) {
      while (rs.next()) {
        families.add(rs.getString(1));
        all.add(rs.getString(2));
      }
    }
    assertThat(families).contains("join", "aggregate", "group_by");
    try (SqlSandbox sandbox = SqlSandbox.open(domain, new Workspace(ws).seedDir(file.toString(), 42, 1),
        SandboxSettings.defaults().withMaxRows(1000))) {
      for (String sql : all) {
        QueryOutcome o = sandbox.execute(sql);
        assertThat(o.isOk()).as(sql + ": " + o.message()).isTrue();
      }
    }
    return all;
  }
}
