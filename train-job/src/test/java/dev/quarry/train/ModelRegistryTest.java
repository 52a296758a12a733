package dev.quarry.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.train.handoff.HandoffSettings;
import dev.quarry.train.handoff.LoraSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

  @TempDir Path models;

  @Test
  void markLatestWritesFileAndSymlinkAndMovesThem() throws Exception {
    Files.createDirectories(models.resolve("a"));
    Files.createDirectories(models.resolve("b"));
    ModelRegistry.markLatest(models, "a");
    assertThat(models.resolve("LATEST")).hasContent("a");
    assertThat(Files.readSymbolicLink(models.resolve("latest"))).isEqualTo(Path.of("a"));
    ModelRegistry.markLatest(models, "b");
    assertThat(ModelRegistry.latest(models)).contains("b");
    assertThat(Files.readSymbolicLink(models.resolve("latest"))).isEqualTo(Path.of("b"));
    assertThat(models.resolve("latest/.")).isDirectory();
    try (var s = Files.list(models)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a", "b", "LATEST", "latest");
    }
  }

  @Test
  void rejectsBadIdsAndMissingFolders() {
    assertThatThrownBy(() -> ModelRegistry.markLatest(models, "../x")).hasMessageContaining("--model-id");
    assertThatThrownBy(() -> ModelRegistry.markLatest(models, "latest")).hasMessageContaining("--model-id");
    assertThatThrownBy(() -> ModelRegistry.markLatest(models, "gone")).hasMessageContaining("gone");
  }

  @Test
  void defaultModelIdNamesDatasetAdapterAndBaseModel() {
    assertThat(HandoffSettings.defaultModelId(Path.of("/w/datasets/education-s42-x1"), "Qwen/Qwen2.5-Coder-7B-Instruct",
        LoraSettings.defaults())).isEqualTo("education-s42-x1-qlora-qwen2.5-coder-7b-instruct");
  }
}
