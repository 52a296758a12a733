package dev.quarry.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.workspace.InvalidOutputException;
import dev.quarry.train.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TamperedDatasetTest {

  @Test
  void aShardWhoseHashDoesNotVerifyIsRefusedNamingTheFile(@TempDir Path tmp) throws Exception {
    Path ds = TinyDataset.write(tmp.resolve("ds"), 30, 1);
    Path shard = ds.resolve("jsonl/train/part-00000-of-00001.jsonl");
    byte[] b = Files.readAllBytes(shard);
    b[10] = (byte) (b[10] == 'x' ? 'y' : 'x');
    Files.write(shard, b, StandardOpenOption.TRUNCATE_EXISTING);
    assertThatThrownBy(() -> DjlTrainer.run(SettingsValidationTest.settings(new ModelConfig(32, 1, 2, 64, 0, 10, 10, 0, 0),
            1e-3, ds), s -> {}))
        .isInstanceOf(InvalidOutputException.class)
        .hasMessageContaining("jsonl/train/part-00000-of-00001.jsonl");
  }
}
