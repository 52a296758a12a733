package dev.quarry.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.train.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptedRunTest {

  private static ObjectNode print(double lr) {
    TrainSettings s = TinyTrainingTest.tiny(Path.of("ds"), Path.of("models"), "m", 10, 5, false);
    s = new TrainSettings(s.dataset(), s.seedDir(), s.domain(), s.modelsDir(), s.modelId(), s.model(),
        new TrainSettings.Optimizer(lr, s.optimizer().clipNorm()), s.schedule(), s.evaluation(), s.seed(), s.resume(),
        s.force(), s.command());
    return InterruptedRun.fingerprint(s, new ModelConfig(32, 1, 2, 64, 0.0, 24, 40, 50, 0), "abc");
  }

  private static void fakeCheckpoint(Path work) throws Exception {
    Files.createDirectories(work.resolve("checkpoints/step-000000005"));
    Files.writeString(work.resolve("checkpoints/LATEST"), "step-000000005");
  }

  @Test
  void sameFingerprintResumesOtherSettingsDiscardOrFailWhenInsisted(@TempDir Path tmp) throws Exception {
    Path work = tmp.resolve(".work-m");
    assertThat(InterruptedRun.decide(work, print(1e-3), false)).isEqualTo(new InterruptedRun.Decision(false, null));
    fakeCheckpoint(work);

    InterruptedRun.Decision same = InterruptedRun.decide(work, print(1e-3), false);
    assertThat(same.resume()).isTrue();
    assertThat(same.message()).contains("step-000000005").contains("same dataset and settings");
    assertThat(work.resolve("checkpoints/LATEST")).exists();

    assertThatThrownBy(() -> InterruptedRun.decide(work, print(2e-3), true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("learning_rate 0.001 -> 0.002");
    assertThat(work.resolve("checkpoints/LATEST")).as("kept after a refused resume").exists();

    InterruptedRun.Decision other = InterruptedRun.decide(work, print(2e-3), false);
    assertThat(other.resume()).isFalse();
    assertThat(other.message()).contains("discarding").contains("learning_rate 0.001 -> 0.002");
    assertThat(work.resolve("checkpoints")).doesNotExist();
    assertThat(work.resolve(InterruptedRun.FILE)).content().contains("0.002");
  }

  @Test
  void aCheckpointWithoutFingerprintIsNotTrusted(@TempDir Path tmp) throws Exception {
    Path work = tmp.resolve(".work-m");
    fakeCheckpoint(work);
    InterruptedRun.Decision d = InterruptedRun.decide(work, print(1e-3), false);
    assertThat(d.resume()).isFalse();
    assertThat(d.message()).contains("no fingerprint stored");
  }
}
