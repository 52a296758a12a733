package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.train.handoff.HandoffSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class HandoffOptionsTest {

  @Command(name = "t")
  static final class Holder {
    @Mixin HandoffOptions options;
  }

  private static HandoffOptions parse(String... args) {
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    return h.options;
  }

  @Test
  void defaultsMatchTheDocumentedOnes() {
    HandoffSettings s = parse("--command", "train {spec}")
        .toSettings(Path.of("d"), Path.of("m"), 7L, false, "", HandoffOptions.Shared.none());
    assertThat(s.baseModel()).isEqualTo("Qwen/Qwen2.5-Coder-7B-Instruct");
    assertThat(s.lora().r()).isEqualTo(16);
    assertThat(s.lora().alpha()).isEqualTo(32.0);
    assertThat(s.lora().dropout()).isEqualTo(0.05);
    assertThat(s.lora().targetModules()).hasSize(7).startsWith("q_proj");
    assertThat(s.lora().loadIn4bit()).isTrue();
    assertThat(s.learningRate()).isEqualTo(2e-4);
    assertThat(s.epochs()).isEqualTo(2);
    assertThat(s.batchSize()).isEqualTo(4);
    assertThat(s.maxSeqLen()).isEqualTo(2048);
    assertThat(s.timeLimit()).isEqualTo(Duration.ofHours(24));
    assertThat(s.logPrefix()).isEqualTo("[external] ");
    assertThat(s.seed()).isEqualTo(7L);
  }

  @Test
  void optionsAndSharedOverridesApply() {
    HandoffSettings s = parse("--command", "x", "--base-model", "mistralai/Mistral-7B-v0.3", "--lora-r", "8",
        "--lora-targets", "q_proj,v_proj", "--no-load-in-4bit", "--time-limit", "90m", "--chat-template", "mistral",
        "--max-seq-len", "512")
        .toSettings(Path.of("d"), Path.of("m"), 1L, true, "", new HandoffOptions.Shared("my-model", 3, 1e-4, 2));
    assertThat(s.lora().targetModules()).containsExactly("q_proj", "v_proj");
    assertThat(s.lora().loadIn4bit()).isFalse();
    assertThat(s.lora().r()).isEqualTo(8);
    assertThat(s.timeLimit()).isEqualTo(Duration.ofMinutes(90));
    assertThat(s.effectiveModelId()).isEqualTo("my-model");
    assertThat(s.epochs()).isEqualTo(3);
    assertThat(s.maxSeqLen()).isEqualTo(512);
    assertThat(s.force()).isTrue();
  }

  @Test
  void missingCommandAndBadValuesNameTheOption() {
    assertThatThrownBy(() -> parse().toSettings(Path.of("d"), Path.of("m"), 1L, false, "", HandoffOptions.Shared.none()))
        .hasMessageContaining("--command");
    assertThatThrownBy(() -> parse("--command", "x", "--time-limit", "soon")
        .toSettings(Path.of("d"), Path.of("m"), 1L, false, "", HandoffOptions.Shared.none()))
        .hasMessageContaining("--time-limit");
    assertThatThrownBy(() -> parse("--command", "x", "--lora-dropout", "1.5")
        .toSettings(Path.of("d"), Path.of("m"), 1L, false, "", HandoffOptions.Shared.none()))
        .hasMessageContaining("--lora-dropout");
  }
}
