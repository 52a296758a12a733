package dev.quarry.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.train.model.ModelConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SettingsValidationTest {

  static TrainSettings settings(ModelConfig c, double lr, Path dataset) {
    return new TrainSettings(dataset, Path.of("no-seed"), "education", Path.of("no-models"), "m", c,
        new TrainSettings.Optimizer(lr, 1), new TrainSettings.Schedule(8, 1, 0, 0, 0),
        new TrainSettings.Evaluation(0, 0, 0), 1, false, false, "test");
  }

  @Test
  void badHyperparametersAreRefusedBeforeAnyWorkNamingTheSettingNotAFlag() {
    Path missing = Path.of("does-not-exist");
    ModelConfig ok = new ModelConfig(32, 1, 2, 64, 0, 10, 10, 0, 0);
    assertThatThrownBy(() -> DjlTrainer.run(settings(new ModelConfig(32, 0, 2, 64, 0, 10, 10, 0, 0), 1e-3, missing), s -> {}))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo(TrainSetting.LAYERS))
        .hasMessage("number of layers must be at least 1 (was 0)");
    assertThatThrownBy(() -> DjlTrainer.run(settings(ok, -1e-3, missing), s -> {}))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.setting()).isEqualTo(TrainSetting.LEARNING_RATE))
        .hasMessageNotContaining("--");
    assertThatThrownBy(() -> DjlTrainer.run(settings(new ModelConfig(30, 1, 4, 64, 0, 10, 10, 0, 0), 1e-3, missing), s -> {}))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo(TrainSetting.D_MODEL))
        .hasMessageContaining("divisible by the number of heads, 4 (was 30)");
    assertThatThrownBy(() -> DjlTrainer.run(settings(new ModelConfig(32, 1, 2, 64, 1.0, 10, 10, 0, 0), 1e-3, missing), s -> {}))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo(TrainSetting.DROPOUT));
  }
}
