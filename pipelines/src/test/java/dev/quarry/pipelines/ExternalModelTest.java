package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models/LATEST} names a model registered by {@code quarry train --backend command}: {@code ask} and
 * {@code eval} (default model) say that it is external and how to evaluate it, before any seed data is made.
 */
class ExternalModelTest {

  @TempDir Path ws;

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @BeforeEach
  void registerAnExternalModel() throws Exception {
    // config.json as HandoffTrainer writes it (the fields the model directory contract reads).
    Path model = Files.createDirectories(ws.resolve("models/qwen-lora"));
    Files.writeString(model.resolve("config.json"), """
        {"backend":"command","model_id":"qwen-lora","base_model":"Qwen/Qwen2.5-Coder-7B-Instruct","artifacts_dir":"output"}
        """);
    Files.writeString(ws.resolve("models/LATEST"), "qwen-lora\n");
  }

  @Test
  void askAndEvalNameTheExternalModelAndHowToEvaluateIt() {
    for (String[] args : new String[][] {{"ask", "--workspace", ws.toString(), "How many students?"},
        {"eval", "--workspace", ws.toString()}}) {
      console.reset();
      assertThat(QuarryCli.execute(args)).as(args[0]).isEqualTo(QuarryCli.EXIT_USAGE);
      assertThat(console.stderr()).as(args[0])
          .contains("model qwen-lora (" + ws.resolve("models/qwen-lora") + ") is an external model")
          .contains("Qwen/Qwen2.5-Coder-7B-Instruct")
          .contains("quarry eval --model openai:<base url> --model-name qwen-lora")
          .doesNotContain("Unrecognized field");
    }
    assertThat(ws.resolve("seed")).doesNotExist();
  }
}
