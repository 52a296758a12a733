package dev.quarry.train.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.workspace.InvalidOutputException;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.train.DjlGeneratorProvider;
import dev.quarry.train.ExternalModelException;
import dev.quarry.train.ModelFiles;
import dev.quarry.train.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandoffTrainerTest {

  @TempDir Path tmp;

  /** Reads the spec given as $1, checks it names $2 as output_dir, writes an adapter file into $2. */
  private static final String FAKE_TRAINER = """
      #!/bin/bash
      set -eu
      spec="$1"; out="$2"
      test -f "$spec" || { echo "no spec at $spec"; exit 7; }
      grep -qF '"model_id" : "m1"' "$spec" || { echo "wrong model id"; exit 8; }
      grep -qF "\\"output_dir\\" : \\"$out\\"" "$spec" || { echo "spec output_dir is not $out"; exit 9; }
      test "$QUARRY_SPEC" = "$spec" || exit 10
      echo "training on $(wc -l < "$QUARRY_DATASET/jsonl/train/part-00000-of-00001.jsonl") pairs"
      echo "warning on stderr" >&2
      mkdir -p "$out/adapter"
      printf '{"r": 16}' > "$out/adapter/adapter_config.json"
      """;

  private Path script(String name, String body) throws Exception {
    Path dir = tmp.resolve("scripts with space");
    Files.createDirectories(dir);
    Path f = dir.resolve(name);
    Files.writeString(f, body);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    return f;
  }

  private HandoffSettings settings(Path script, String args) {
    Path dataset = TestDatasets.write(tmp.resolve("work space/datasets/education-s42-x1"), 5, 2);
    return HandoffSettings.defaults(dataset, tmp.resolve("work space/models"), "'" + script + "' " + args)
        .withModelId("m1");
  }

  @Test
  void successfulCommandRegistersTheModel() throws Exception {
    HandoffSettings s = settings(script("train.sh", FAKE_TRAINER), "{spec} {output}");
    HandoffResult r = HandoffTrainer.run(s);

    assertThat(r.status()).as(String.join("\n", r.tail())).isEqualTo(HandoffResult.Status.SUCCEEDED);
    assertThat(r.exitCode()).isZero();
    Path model = s.modelsDir().resolve("m1");
    assertThat(r.modelDir()).isEqualTo(model);
    Manifests.verify(model);
    assertThat(model.resolve("output/adapter/adapter_config.json")).hasContent("{\"r\": 16}");
    assertThat(Files.readString(model.resolve("external.log"))).contains("training on 5 pairs", "warning on stderr");
    assertThat(r.tail()).contains("training on 5 pairs");
    JsonNode config = Manifests.JSON.readTree(model.resolve("config.json").toFile());
    assertThat(config.path("backend").asText()).isEqualTo("command");
    assertThat(config.path("base_model").asText()).isEqualTo(HandoffSettings.DEFAULT_BASE_MODEL);
    assertThat(config.path("lora").path("r").asInt()).isEqualTo(16);
    assertThat(config.path("artifact_files").asInt()).isEqualTo(1);
    assertThat(Files.readString(model.resolve("MODEL_CARD.md"))).contains("# m1", "Qwen/Qwen2.5-Coder-7B-Instruct",
        "Split train**: 5 pairs", "Exit status**: 0");
    JsonNode spec = Manifests.JSON.readTree(model.resolve("job_spec.json").toFile());
    assertThat(spec.path("dataset").path("splits").path("train").path("pairs").asLong()).isEqualTo(5);
    assertThat(spec.path("dataset").path("splits").path("train").path("jsonl").get(0).asText())
        .endsWith("jsonl/train/part-00000-of-00001.jsonl");
    assertThat(spec.path("model_dir").asText()).isEqualTo(model.toString());
    assertThat(Files.readString(model.resolve("axolotl.yaml"))).contains("adapter: \"qlora\"", "lora_r: 16",
        "type: \"chat_template\"", "test_datasets:");
    assertThat(Files.readString(model.resolve("llamafactory.yaml"))).contains("dataset: \"quarry_education_train\"",
        "eval_dataset: \"quarry_education_validation\"", "quantization_bit: 4", "learning_rate: 0.0002");
    assertThat(ModelRegistry.latest(s.modelsDir())).contains("m1");
    assertThat(leftovers(s.modelsDir())).isEmpty();

    HandoffResult again = HandoffTrainer.run(s);
    assertThat(again.status()).isEqualTo(HandoffResult.Status.SKIPPED);
  }

  @Test
  void theRegisteredExternalModelIsNamedAsSuchWhereTheEmbeddedModelIsNeeded() throws Exception {
    HandoffSettings s = settings(script("train.sh", FAKE_TRAINER), "{spec} {output}");
    assertThat(HandoffTrainer.run(s).registered()).isTrue();
    Path model = s.modelsDir().resolve("m1");
    assertThat(ModelFiles.backend(model)).isEqualTo(ModelFiles.Backend.COMMAND);
    assertThat(ModelFiles.resolve(s.modelsDir(), "latest")).isEqualTo(model);
    // --model djl:<models>/latest (the default of quarry eval) and quarry ask load through readConfig.
    assertThatThrownBy(() -> new DjlGeneratorProvider().open(s.modelsDir().resolve("latest").toString(), null))
        .isInstanceOf(ExternalModelException.class)
        .hasMessageContaining("model m1 (" + model + ") is an external model")
        .hasMessageContaining("quarry eval --model openai:<base url> --model-name m1")
        .hasMessageNotContaining("Unrecognized field");
  }

  @Test
  void failingCommandRegistersNothingAndReportsTheExitCode() throws Exception {
    HandoffSettings s = settings(script("fail.sh", "#!/bin/bash\necho 'CUDA out of memory'\nexit 3\n"), "{spec}");
    HandoffResult r = HandoffTrainer.run(s);

    assertThat(r.status()).isEqualTo(HandoffResult.Status.FAILED);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.modelDir()).isNull();
    assertThat(r.describe()).contains("exit code 3");
    assertThat(s.modelsDir().resolve("m1")).doesNotExist();
    assertThat(ModelRegistry.latest(s.modelsDir())).isEmpty();
    assertThat(leftovers(s.modelsDir())).isEmpty();
    assertThat(Files.readString(r.logFile())).contains("CUDA out of memory");
  }

  @Test
  void exitZeroWithoutOutputIsAFailure() throws Exception {
    HandoffSettings s = settings(script("noop.sh", "#!/bin/bash\necho submitted\n"), "{spec}");
    HandoffResult r = HandoffTrainer.run(s);
    assertThat(r.status()).isEqualTo(HandoffResult.Status.FAILED);
    assertThat(r.exitCode()).isZero();
    assertThat(s.modelsDir().resolve("m1")).doesNotExist();
  }

  @Test
  void hangingCommandIsKilledWithItsChildren() throws Exception {
    Path pids = tmp.resolve("pids");
    HandoffSettings s = settings(script("hang.sh", "#!/bin/bash\nsleep 600 &\necho $! > \"$1\"\necho $$ >> \"$1\"\n"
        + "echo started\nwait\n"), "'" + pids + "'").withTimeLimit(Duration.ofSeconds(2));
    long start = System.nanoTime();
    HandoffResult r = HandoffTrainer.run(s);
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

    assertThat(r.status()).isEqualTo(HandoffResult.Status.TIMED_OUT);
    assertThat(r.exitCode()).isNotNull();
    assertThat(r.describe()).contains("time limit", "exit code " + r.exitCode());
    assertThat(r.tail()).contains("started");
    assertThat(seconds).isLessThan(15);
    assertThat(s.modelsDir().resolve("m1")).doesNotExist();
    assertThat(leftovers(s.modelsDir())).isEmpty();
    for (String pid : Files.readAllLines(pids)) {
      assertThat(ProcessHandle.of(Long.parseLong(pid.strip())).map(ProcessHandle::isAlive).orElse(false))
          .as("process %s still alive", pid).isFalse();
    }
  }

  @Test
  void refusesATamperedDatasetNamingTheFile() throws Exception {
    HandoffSettings s = settings(script("train.sh", FAKE_TRAINER), "{spec} {output}");
    Files.writeString(s.datasetDir().resolve("jsonl/train/part-00000-of-00001.jsonl"), "tampered\n");
    assertThatThrownBy(() -> HandoffTrainer.run(s)).isInstanceOf(InvalidOutputException.class)
        .hasMessageContaining("jsonl/train/part-00000-of-00001.jsonl");
    assertThat(s.modelsDir().resolve("m1")).doesNotExist();
  }

  @Test
  void missingDatasetNamesTheOption() {
    HandoffSettings s = HandoffSettings.defaults(tmp.resolve("nope"), tmp.resolve("models"), "true");
    assertThatThrownBy(() -> HandoffTrainer.run(s)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--dataset").hasMessageContaining("nope");
  }

  private static java.util.List<String> leftovers(Path modelsDir) throws Exception {
    try (Stream<Path> st = Files.list(modelsDir)) {
      return st.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tmp-") || n.startsWith(".old-")).toList();
    }
  }
}
