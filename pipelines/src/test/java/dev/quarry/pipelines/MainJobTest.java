package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.workspace.CodeVersion;
import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quarry run} end to end at scale 1 (with fewer samples per template to stay quick): determinism
 * of every output byte, skipping of up-to-date stages, and recovery from a tampered seed output.
 */
class MainJobTest {

  @TempDir static Path tmp;
  static Path ws1;

  static int run(Path ws, String... extra) {
    String[] base = {"run", "--workspace", ws.toString(), "--samples-per-template", "4"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return QuarryCli.execute(args);
  }

  static Map<String, String> hashes(Path dir) {
    return Manifests.verify(dir).files().stream()
        .collect(Collectors.toMap(Manifest.FileEntry::path, Manifest.FileEntry::sha256, (a, b) -> a, TreeMap::new));
  }

  static Path seedDir(Path ws, long seed) {
    return new Workspace(ws).seedDir("education", seed, 1);
  }

  static Path datasetDir(Path ws, long seed) {
    return new Workspace(ws).datasetDir("education", seed, 1);
  }

  @BeforeAll
  static void firstRun() {
    ws1 = tmp.resolve("ws1");
    assertThat(run(ws1)).isZero();
  }

  @Test
  void writesVerifiedSeedAndDatasetWithManifests() {
    Manifest seed = Manifests.verify(seedDir(ws1, 42));
    Manifest data = Manifests.verify(datasetDir(ws1, 42));
    assertThat(seed.counts().get("rows").get("enrollment").asLong()).isEqualTo(116);
    assertThat(data.inputs().get("seed").manifestSha256()).isEqualTo(Manifests.manifestHash(seedDir(ws1, 42)));
    assertThat(data.counts().get("kept_pairs").asLong()).isGreaterThan(1000);
    assertThat(data.files()).extracting(Manifest.FileEntry::path)
        .contains("dataset_info.json", "rejects/rejects.jsonl")
        .anyMatch(p -> p.startsWith("jsonl/train/part-"))
        .anyMatch(p -> p.startsWith("parquet/test/part-"));
    assertThat(data.command()).startsWith("quarry run --workspace");
    assertThat(data.options()).containsEntry("samples-per-template", 4);
    assertThat(List.of(seed.codeVersion(), data.codeVersion())).as("code version in the manifests")
        .containsOnly(CodeVersion.full()).noneMatch(v -> v.contains("unknown"));
  }

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedDifferentOnes() {
    Path ws2 = tmp.resolve("ws2");
    assertThat(run(ws2)).isZero();
    assertThat(hashes(seedDir(ws2, 42))).isEqualTo(hashes(seedDir(ws1, 42)));
    assertThat(hashes(datasetDir(ws2, 42))).isEqualTo(hashes(datasetDir(ws1, 42)));

    assertThat(QuarryCli.execute("seed", "--workspace", ws2.toString(), "--seed", "7")).isZero();
    Map<String, String> other = hashes(seedDir(ws2, 7));
    assertThat(other.keySet()).isEqualTo(hashes(seedDir(ws1, 42)).keySet());
    other.forEach((path, sha) -> assertThat(sha).as(path).isNotEqualTo(hashes(seedDir(ws1, 42)).get(path)));
  }

  /** Runs {@code quarry ask} on ws1's trained model; returns exit code, stdout and stderr. */
  private static ConsoleCapture.Captured ask(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "ask";
    all[1] = "--workspace";
    all[2] = ws1.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return ConsoleCapture.run(() -> QuarryCli.execute(all));
  }

  /**
   * The rest of README's "Your first hour" on the workspace the run wrote (the run itself is
   * {@link #firstRun}, the answers {@link #askPrintsTableCsvAndJsonFromTheTrainedModel}): an empty question is
   * refused before the model loads, the version names a commit, every command README lists has help, and
   * the report the run published is there.
   */
  @Test
  void theFirstHourOfTheReadme() {
    ConsoleCapture.Captured empty = ask("   ");
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.stderr()).containsIgnoringCase("empty");
    ConsoleCapture.Captured version = ConsoleCapture.run(() -> QuarryCli.execute("-V"));
    assertThat(version.exitCode()).isEqualTo(0);
    assertThat(version.stdout()).doesNotContain("unknown");
    for (String[] help : new String[][] {{"--help"}, {"run", "--help"}, {"ask", "--help"}, {"eval", "--help"},
        {"report", "--help"}, {"train", "--help"}, {"bench", "train", "--help"}}) {
      ConsoleCapture.Captured out = ConsoleCapture.run(() -> QuarryCli.execute(help));
      assertThat(out.exitCode()).as(String.join(" ", help)).isEqualTo(0);
      assertThat(out.stdout()).as(String.join(" ", help)).contains("Usage: quarry");
    }
    assertThat(ws1.resolve("reports/index.html")).isRegularFile();
  }

  /**
   * {@code quarry ask} end to end on the model the run trained: JSON Lines for a questions file, then the
   * same question as table and CSV, which must agree with the JSON. The tiny model may answer wrongly or
   * not at all; either way the output must be well formed and the exit code must say which.
   */
  @Test
  void askPrintsTableCsvAndJsonFromTheTrainedModel() throws Exception {
    Path questions = tmp.resolve("questions.txt");
    Files.writeString(questions, "# first hour\nHow many students were chronically absent in 2023-24?\n\n"
        + "how many students are in each grade\n");
    ConsoleCapture.Captured json =
        ask("--questions", questions.toString(), "--format", "json", "--beam", "3", "--verbose");
    java.util.List<String> lines = json.stdout().lines().toList();
    assertThat(lines).as(json.stderr()).hasSize(2);
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    boolean allOk = true;
    for (String line : lines) {
      var j = mapper.readTree(line);
      assertThat(j.has("question") && j.has("sql") && j.has("columns") && j.has("rows") && j.has("error")
          && j.has("score") && j.has("alternatives")).as(line).isTrue();
      for (var alt : j.get("alternatives")) {
        assertThat(alt.get("sql").asText()).doesNotContainPattern("<[a-z_]+(_\\d+)?>");
      }
      if (!j.get("sql").isNull()) {
        assertThat(j.get("sql").asText()).doesNotContainPattern("<[a-z_]+(_\\d+)?>");
      }
      allOk &= j.get("error").isNull();
    }
    assertThat(json.exitCode()).isEqualTo(allOk ? 0 : 1);

    var first = mapper.readTree(lines.get(0));
    String q = first.get("question").asText();
    // The same decoding as the first call (beam 3): greedy decoding may pick another SQL for the same question.
    ConsoleCapture.Captured table = ask("--beam", "3", q);
    ConsoleCapture.Captured csv = ask("--beam", "3", "--format", "csv", q);
    if (first.get("error").isNull()) {
      assertThat(table.exitCode()).isEqualTo(0);
      assertThat(table.stdout()).startsWith("SELECT").doesNotContainPattern("^-?\\d+\\.\\d+ +SELECT");
      java.util.List<String> cols = new java.util.ArrayList<>();
      first.get("columns").forEach(c -> cols.add(c.asText()));
      int n = first.get("rows").size();
      assertThat(table.stdout()).contains("(" + n + (n == 1 ? " row)" : " rows)"));
      assertThat(table.stdout().lines().filter(l -> l.startsWith(" " + cols.get(0)))).isNotEmpty();
      assertThat(csv.exitCode()).isEqualTo(0);
      assertThat(csv.stdout().lines().findFirst().orElseThrow().replace("\"", "")).isEqualTo(String.join(",", cols));
      assertThat(csv.stdout().lines().count()).isEqualTo(1 + n);
      assertThat(csv.stderr()).contains("SELECT");
    } else {
      assertThat(table.exitCode()).isEqualTo(1);
      assertThat(csv.exitCode()).isEqualTo(1);
      // The test's tiny model has near-tied scores, so a second process may decode another failing SQL: the
      // failure is what must agree, not its parser position.
      assertThat(table.stderr()).contains("quarry: error: ");
    }
  }

  @Test
  void upToDateStagesAreSkippedAndATamperedSeedIsRegenerated() throws Exception {
    Path ws3 = tmp.resolve("ws3");
    assertThat(run(ws3)).isZero();
    String datasetManifest = Files.readString(datasetDir(ws3, 42).resolve("manifest.json"));
    assertThat(run(ws3)).isZero();
    assertThat(Files.readString(datasetDir(ws3, 42).resolve("manifest.json"))).isEqualTo(datasetManifest);

    Path students = seedDir(ws3, 42).resolve("students/part-00000-of-00001.parquet");
    byte[] bytes = Files.readAllBytes(students);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(students, bytes);
    assertThat(Manifests.verifyQuietly(seedDir(ws3, 42))).isEmpty();

    assertThat(run(ws3)).isZero();
    Manifests.verify(seedDir(ws3, 42));
    assertThat(hashes(seedDir(ws3, 42))).isEqualTo(hashes(seedDir(ws1, 42)));
    assertThat(hashes(datasetDir(ws3, 42))).isEqualTo(hashes(datasetDir(ws1, 42)));
  }
}
