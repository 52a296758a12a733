package dev.quarry.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.train.model.ModelConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SettingsValidationTest {

  static TrainSettings settings(ModelConfig c, double lr, Path dataset) {
    return new TrainSettings(dataset, Path.of("no-seed"), "education", Path.of("no-models"), "m", c, lr, 0, 8, 1, 0,
        0, 1, 0, 0, 0, 1, false, false, "test");
  }

  @Test
  void badHyperparametersAreRefusedBeforeAnyWorkNamingTheOption() {
    Path missing = Path.of("does-not-exist");
    ModelConfig ok = new ModelConfig(32, 1, 2, 64, 0, 10, 10, 0);
    assertThatThrownBy(() -> DjlTrainer.run(settings(new ModelConfig(32, 0, 2, 64, 0, 10, 10, 0), 1e-3, missing), s -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--layers");
    assertThatThrownBy(() -> DjlTrainer.run(settings(ok, -1e-3, missing), s -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--lr");
    assertThatThrownBy(() -> DjlTrainer.run(settings(new ModelConfig(30, 1, 4, 64, 0, 10, 10, 0), 1e-3, missing), s -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--d-model").hasMessageContaining("--heads");
    assertThatThrownBy(() -> DjlTrainer.run(settings(new ModelConfig(32, 1, 2, 64, 1.0, 10, 10, 0), 1e-3, missing), s -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--dropout");
  }
}
