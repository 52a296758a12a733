package dev.quarry.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageRunnerTest {

  @TempDir Path ws;

  private final AtomicInteger bodyRuns = new AtomicInteger();

  private StageRunner.StageRequest request(Map<String, Object> options, boolean force) {
    return new StageRunner.StageRequest("seed", "quarry seed", options, 42L, Map.of(), force);
  }

  private StageRunner.StageBody body(String content) {
    return tmp -> {
      bodyRuns.incrementAndGet();
      Files.createDirectories(tmp.resolve("t"));
      Files.writeString(tmp.resolve("t/part-00000.txt"), content);
      return new StageRunner.StageOutput(JsonNodeFactory.instance.objectNode().put("rows", 1),
          Map.of("t/part-00000.txt", 1L));
    };
  }

  @Test
  void writesDataAndAManifestWithHashes() {
    Path out = ws.resolve("seed/x");
    StageRunner.StageResult r = StageRunner.run(request(Map.of("scale", 1), false), out, body("hello"));
    assertThat(r.skipped()).isFalse();
    assertThat(out.resolve("manifest.json")).exists();
    Manifest m = Manifests.verify(out);
    assertThat(m.files()).extracting(Manifest.FileEntry::path).containsExactly("t/part-00000.txt");
    assertThat(m.files().get(0).sha256()).isEqualTo(Sha256.ofString("hello"));
    assertThat(m.files().get(0).rows()).isEqualTo(1L);
    assertThat(m.codeVersion()).isEqualTo(CodeVersion.full()).startsWith(CodeVersion.projectVersion());
  }

  @Test
  void unchangedOptionsSkipTheStageAndForceRedoesIt() {
    Path out = ws.resolve("seed/x");
    StageRunner.run(request(Map.of("scale", 1), false), out, body("a"));
    StageRunner.StageResult again = StageRunner.run(request(Map.of("scale", 1), false), out, body("a"));
    assertThat(again.skipped()).isTrue();
    assertThat(bodyRuns).hasValue(1);
    StageRunner.run(request(Map.of("scale", 1), true), out, body("a"));
    assertThat(bodyRuns).hasValue(2);
    StageRunner.run(request(Map.of("scale", 2), false), out, body("b"));
    assertThat(bodyRuns).hasValue(3);
  }

  @Test
  void tamperedOutputIsDetectedAndRegenerated() throws IOException {
    Path out = ws.resolve("seed/x");
    StageRunner.run(request(Map.of(), false), out, body("good"));
    Files.writeString(out.resolve("t/part-00000.txt"), "evil");
    assertThatThrownBy(() -> Manifests.verify(out))
        .isInstanceOf(InvalidOutputException.class)
        .hasMessageContaining("t/part-00000.txt");
    StageRunner.StageResult r = StageRunner.run(request(Map.of(), false), out, body("good"));
    assertThat(r.skipped()).isFalse();
    assertThat(Files.readString(out.resolve("t/part-00000.txt"))).isEqualTo("good");
  }

  @Test
  void unlistedOrMissingFilesFailVerification() throws IOException {
    Path out = ws.resolve("seed/x");
    StageRunner.run(request(Map.of(), false), out, body("good"));
    Files.writeString(out.resolve("t/extra.txt"), "x");
    assertThatThrownBy(() -> Manifests.verify(out)).hasMessageContaining("unexpected file t/extra.txt");
    Files.delete(out.resolve("t/extra.txt"));
    Files.delete(out.resolve("t/part-00000.txt"));
    assertThatThrownBy(() -> Manifests.verify(out)).hasMessageContaining("missing file t/part-00000.txt");
    Files.delete(out.resolve("manifest.json"));
    assertThatThrownBy(() -> Manifests.verify(out)).hasMessageContaining("no manifest.json");
  }

  @Test
  void failingBodyLeavesPreviousOutputUntouchedAndNoTemporaries() throws IOException {
    Path out = ws.resolve("seed/x");
    StageRunner.run(request(Map.of("v", 1), false), out, body("v1"));
    String before = Files.readString(out.resolve("manifest.json"));
    assertThatThrownBy(() -> StageRunner.run(request(Map.of("v", 2), false), out, tmp -> {
          Files.writeString(tmp.resolve("half.txt"), "partial");
          throw new IllegalStateException("worker died");
        }))
        .isInstanceOf(StageFailedException.class)
        .hasMessageContaining("worker died");
    assertThat(Files.readString(out.resolve("manifest.json"))).isEqualTo(before);
    Manifests.verify(out);
    try (var s = Files.list(ws.resolve("seed"))) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("x");
    }
  }

  @Test
  void invalidInputIsRefusedBeforeAnyWork() {
    Path input = ws.resolve("seed/missing");
    var req = new StageRunner.StageRequest("synth", "quarry synth", Map.of(), 42L, Map.of("seed", input), false);
    assertThatThrownBy(() -> StageRunner.run(req, ws.resolve("datasets/x"), body("x")))
        .isInstanceOf(InvalidOutputException.class)
        .hasMessageContaining("does not exist");
    assertThat(bodyRuns).hasValue(0);
    assertThat(ws.resolve("datasets/x")).doesNotExist();
  }

  @Test
  void changedInputChangesTheFingerprint() throws IOException {
    Path seed = ws.resolve("seed/s");
    StageRunner.run(request(Map.of(), false), seed, body("one"));
    var synth = new StageRunner.StageRequest("synth", "quarry synth", Map.of(), 42L, Map.of("seed", seed), false);
    StageRunner.run(synth, ws.resolve("datasets/d"), body("d"));
    StageRunner.run(request(Map.of(), true), seed, body("two"));
    StageRunner.StageResult r = StageRunner.run(synth, ws.resolve("datasets/d"), body("d"));
    assertThat(r.skipped()).isFalse();
    assertThat(r.manifest().inputs().get("seed").manifestSha256()).isEqualTo(Manifests.manifestHash(seed));
  }

  @Test
  void unwritableWorkspaceIsReportedByName() throws IOException {
    Path file = ws.resolve("not-a-dir");
    Files.writeString(file, "x");
    assertThatThrownBy(() -> StageRunner.ensureWritable(file.resolve("sub")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not writable")
        .hasMessageContaining("not-a-dir");
  }

  @Test
  void sha256MatchesAKnownVector() {
    assertThat(Sha256.ofString("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(List.of(Sha256.ofBytes(new byte[0])))
        .containsExactly("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
