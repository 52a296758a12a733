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
        .hasMessageContaining("--heads");
    assertThatThrownBy(() -> parse("--workspace", ws.toString(), "--batch-size", "0").settings())
        .hasMessageContaining("--batch-size");
  }
}
