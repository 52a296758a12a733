package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.train.TrainSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

  private static TrainCommand parse(String... args) {
    TrainCommand c = new TrainCommand();
    new CommandLine(c).parseArgs(args);
    return c;
  }

  @Test
  void defaultsPointIntoTheWorkspace(@TempDir Path ws) {
    TrainSettings s = parse("--workspace", ws.toString(), "--seed", "7").settings();
    assertThat(s.modelId()).isEqualTo("djl-education-s7-x1");
    assertThat(s.dataset()).isEqualTo(ws.toAbsolutePath().normalize().resolve("datasets/education-s7-x1"));
    assertThat(s.modelsDir()).isEqualTo(ws.toAbsolutePath().normalize().resolve("models"));
    assertThat(s.seed()).isEqualTo(7);
  }

  @Test
  void badHyperparametersNameTheOption(@TempDir Path ws) {
    assertThatThrownBy(() -> parse("--workspace", ws.toString(), "--layers", "0").settings())
        .hasMessageContaining("--layers");
    assertThatThrownBy(() -> parse("--workspace", ws.toString(), "--lr", "-0.1").settings())
        .hasMessageContaining("--lr");
    assertThatThrownBy(() -> parse("--workspace", ws.toString(), "--d-model", "100", "--heads", "3").settings())
        .hasMessage("Invalid value for option '--d-model': must be positive and divisible by the number of heads, 3 "
            + "(was 100)");
    assertThatThrownBy(() -> parse("--workspace", ws.toString(), "--batch-size", "0").settings())
        .hasMessage("Invalid value for option '--batch-size': must be at least 1 (was 0)");
  }

  @Test
  void everyTrainingSettingHasItsOption() {
    for (dev.quarry.train.TrainSetting s : dev.quarry.train.TrainSetting.values()) {
      org.assertj.core.api.Assertions.assertThat(TrainCommand.OPTION_OF.get(s)).as(s.name()).startsWith("--");
    }
  }
}
