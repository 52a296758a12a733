package dev.quarry.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.workspace.InvalidOutputException;
import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.train.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training executes SQL on the seed data for execution accuracy, so it refuses seed data that does not verify. */
class TamperedSeedTest {

  @Test
  void aSeedFileWhoseHashDoesNotVerifyIsRefusedBeforeTraining(@TempDir Path tmp) throws Exception {
    Path ds = TinyDataset.write(tmp.resolve("ds"), 30, 1);
    Path seed = tmp.resolve("seed");
    Path file = seed.resolve("students/part-00000.parquet");
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    List<Manifest.FileEntry> files = Manifests.describeFiles(seed, Map.of());
    Manifests.write(seed, new Manifest(Manifest.FORMAT, "seed", "test", Map.of(), 42L, "test", "f", Map.of(),
        "2026-12-02T00:00:00Z", 0, null, files));
    assertThat(Manifests.verifyQuietly(seed)).isPresent();
    Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 9});
    Path models = tmp.resolve("models");
    TrainSettings s = new TrainSettings(ds, seed, "education", models, "m", new ModelConfig(32, 1, 2, 64, 0, 10, 10, 0, 0),
        new TrainSettings.Optimizer(1e-3, 1), new TrainSettings.Schedule(8, 1, 0, 0, 0),
        new TrainSettings.Evaluation(0, 4, 0), 1, false, false, "test");
    assertThatThrownBy(() -> DjlTrainer.run(s, x -> {}))
        .isInstanceOf(InvalidOutputException.class)
        .hasMessageContaining("students/part-00000.parquet");
    assertThat(models.resolve("m")).doesNotExist();
  }
}
