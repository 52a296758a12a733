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
