package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quarry eval} on a domain imported from the shop database (SQLite) with the bank its domain file declares:
 * the test-suite databases are the snapshot fuzzed with seeds 43..45 (Zhong et al. 2020), so a prediction that
 * matches the gold result on the snapshot only by accident of its data fails test-suite accuracy while an equivalent
 * one passes; the fuzzed databases are reused when up to date; {@code --bank} overrides the declared bank; a declared
 * bank that is missing or does not parse is a usage error for eval and a problem for {@code domain check}.
 */
class ImportedDomainEvalTest {

  @TempDir Path dir;

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  private static final String BANK = """
      {"id": "q1", "question": "How many order lines are there?", "gold_sql": "SELECT COUNT(*) FROM order_items", \
      "category": "count", "difficulty": "easy"}
      {"id": "q2", "question": "How many orders?", "gold_sql": "SELECT COUNT(*) FROM orders", \
      "category": "count", "difficulty": "easy"}
      """;

  /** q1: equal to the gold on the snapshot only because every qty there is at least 1; q2: equivalent to the gold. */
  private static final String PREDICTIONS = """
      {"id": "q1", "predicted_sql": "SELECT COUNT(*) FROM order_items WHERE qty >= 1"}
      {"id": "q2", "predicted_sql": "SELECT COUNT(*) FROM orders JOIN customers ON orders.customer_id = customers.customer_id"}
      """;

  @Test
  void evalScoresTheDeclaredBankOnFuzzedTestSuiteDatabases() throws Exception {
    Path file = dir.resolve("domains/shop/domain.json");
    assertThat(QuarryCli.execute("domain", "init", "--source", "sqlite:" + ShopSource.sqlite(dir), "--name", "shop",
        "--out", file.toString())).isZero();
    Path ws = dir.resolve("ws");
    assertThat(QuarryCli.execute("seed", "--domain", file.toString(), "--workspace", ws.toString())).isZero();
    String seedManifest = Files.readString(ws.resolve("seed/shop-s42-x1/manifest.json"));

    // Declare the bank, relative to the domain file's folder, as someone editing the file would.
    Files.createDirectories(file.resolveSibling("banks"));
    Files.writeString(file.resolveSibling("banks/shop.jsonl"), BANK);
    String json = Files.readString(file);
    int end = json.lastIndexOf('}');
    Files.writeString(file, json.substring(0, end).stripTrailing() + ",\n  \"bank\": {\"path\": \"banks/shop.jsonl\"}\n"
        + json.substring(end));
    Domain shop = DomainLoader.load(file.toString());
    assertThat(shop.bank().path()).isEqualTo(file.resolveSibling("banks/shop.jsonl").toAbsolutePath().toString());
    assertThat(EvalStage.missingBank(shop, file.toString(), null)).isEmpty();
    assertThat(QuarryCli.execute("domain", "check", file.toString())).as(console.stdout()).isZero();
    // The short form, the path alone, is the same bank; check and eval (below) take it as they take the object.
    Files.writeString(file, Files.readString(file).replace("{\"path\": \"banks/shop.jsonl\"}", "\"banks/shop.jsonl\""));
    assertThat(Files.readString(file)).contains("\"bank\": \"banks/shop.jsonl\"");
    assertThat(DomainLoader.load(file.toString()).bank()).isEqualTo(shop.bank());
    assertThat(QuarryCli.execute("domain", "check", file.toString())).as(console.stdout()).isZero();

    Path preds = dir.resolve("preds.jsonl");
    Files.writeString(preds, PREDICTIONS);
    assertThat(QuarryCli.execute("eval", "--domain", file.toString(), "--workspace", ws.toString(), "--model",
        "replay:" + preds)).as(console.stderr()).isZero();
    JsonNode summary = lastSummary();
    assertThat(summary.at("/metrics/n").asInt()).isEqualTo(2);
    assertThat(summary.at("/metrics/ex_strict").asDouble()).isEqualTo(1.0);
    assertThat(summary.at("/metrics/test_suite").asDouble()).isEqualTo(0.5);
    // Declaring the bank left the snapshot (and so the dataset and model built on it) up to date.
    assertThat(Files.readString(ws.resolve("seed/shop-s42-x1/manifest.json"))).isEqualTo(seedManifest);

    Set<String> contents = new HashSet<>();
    for (long seed : List.of(43L, 44L, 45L)) {
      assertThat(ws.resolve("seed/shop-s" + seed + "-x1")).doesNotExist();
      Manifest m = Manifests.verify(ws.resolve("seed/shop-s" + seed + "-x1-fuzzed"));
      assertThat(m.stage()).isEqualTo("test_suite");
      assertThat(m.counts().get("fuzz_seed").asLong()).isEqualTo(seed);
      assertThat(m.counts().get("snapshot_rows").get("orders").asLong()).isEqualTo(200);
      assertThat(m.counts().get("rows").get("orders").asLong()).isBetween(100L, 200L);
      contents.add(m.counts().get("content_sha256").asText());
    }
    assertThat(contents).hasSize(3);

    // Again: the fuzzed databases are up to date and reused as they are.
    String fuzzedManifest = Files.readString(ws.resolve("seed/shop-s43-x1-fuzzed/manifest.json"));
    assertThat(QuarryCli.execute("eval", "--domain", file.toString(), "--workspace", ws.toString(), "--model",
        "replay:" + preds, "--test-suite", "1")).isZero();
    assertThat(Files.readString(ws.resolve("seed/shop-s43-x1-fuzzed/manifest.json"))).isEqualTo(fuzzedManifest);

    // --bank overrides the declared bank.
    Path other = dir.resolve("other.jsonl");
    Files.writeString(other, BANK.lines().skip(1).findFirst().orElseThrow() + "\n");
    assertThat(QuarryCli.execute("eval", "--domain", file.toString(), "--workspace", ws.toString(), "--model",
        "replay:" + preds, "--bank", other.toString())).isZero();
    assertThat(lastSummary().at("/metrics/n").asInt()).isEqualTo(1);
    assertThat(lastSummary().at("/metrics/test_suite").asDouble()).isEqualTo(1.0);
  }

  @Test
  void aMissingOrBrokenDeclaredBankIsReported() throws Exception {
    Path file = dir.resolve("shop.json");
    assertThat(QuarryCli.execute("domain", "init", "--source", "sqlite:" + ShopSource.sqlite(dir), "--name", "shop",
        "--out", file.toString())).isZero();
    Domain undeclared = DomainLoader.load(file.toString());
    assertThat(EvalStage.missingBank(undeclared, file.toString(), null)).get().asString()
        .contains("\"bank\": {\"path\": \"FILE\"").contains("--bank FILE");
    String json = Files.readString(file);
    int end = json.lastIndexOf('}');
    Files.writeString(file, json.substring(0, end).stripTrailing()
        + ",\n  \"bank\": {\"path\": \"nope.csv\", \"db\": \"shop\"}\n" + json.substring(end));
    Path ws = dir.resolve("ws");

    assertThat(QuarryCli.execute("eval", "--domain", file.toString(), "--workspace", ws.toString(), "--model", "gold"))
        .isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains(dir.resolve("nope.csv").toString())
        .contains("does not exist").contains("--bank FILE");
    assertThat(QuarryCli.execute("run", "--domain", file.toString(), "--workspace", ws.toString()))
        .isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(ws.resolve("seed")).doesNotExist();
    assertThat(QuarryCli.execute("domain", "check", file.toString())).isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(console.stdout()).contains("bank unreadable: the query bank")
        .contains("does not exist");

    Files.writeString(dir.resolve("nope.csv"), "this is not,a sql-eval file\n1,2\n");
    console.reset();
    assertThat(QuarryCli.execute("domain", "check", file.toString())).isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(console.stdout()).contains("bank unreadable: the query bank")
        .contains("cannot be read");

    // The short form: resolved against the file's folder and checked the same way.
    Files.writeString(file, Files.readString(file).replace("{\"path\": \"nope.csv\", \"db\": \"shop\"}", "\"gone.csv\""));
    console.reset();
    assertThat(QuarryCli.execute("domain", "check", file.toString())).isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(console.stdout()).contains("bank unreadable: the query bank")
        .contains(dir.resolve("gone.csv").toString()).contains("does not exist");
  }

  /** summary.json of the eval run the last command printed. */
  private JsonNode lastSummary() throws Exception {
    String printed = console.stdout();
    int at = printed.lastIndexOf("run dir ");
    String runDir = printed.substring(at + "run dir ".length(), printed.indexOf('\n', at)).trim();
    return new ObjectMapper().readTree(Path.of(runDir).resolve("summary.json").toFile());
  }
}
