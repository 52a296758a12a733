package dev.quarry.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.quarry.train.model.TransformerModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a training in a child JVM, kills it (SIGKILL), resumes in this JVM and finishes; the result matches
 * an uninterrupted run (within 1e-4). About 6 s on an idle 2-core machine (65 s measured under heavy load).
 */
class ResumeAfterKillTest {

  private static final long STEPS = 80;

  @Test
  void aKilledRunResumesFromItsLastCheckpointAndMatchesAnUninterruptedRun(@TempDir Path tmp) throws Exception {
    Path ds = TinyDataset.write(tmp.resolve("ds"), 160, 3);
    Path models = tmp.resolve("ws/models");
    Path ck = models.resolve(".work-killed/checkpoints/LATEST");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ResumeChild.class.getName(), ds.toString(), models.toString(),
        "killed", Long.toString(STEPS))
        .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(ck) && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(child.isAlive()).as("child still training when its first checkpoint appeared").isTrue();
    child.destroyForcibly(); // SIGKILL on Linux
    child.waitFor(30, TimeUnit.SECONDS);
    assertThat(models.resolve("killed")).doesNotExist();
    String killedAt = Files.readString(ck).trim();

    DjlTrainer.Result resumed = DjlTrainer.run(
        TinyTrainingTest.tiny(ds, models, "killed", STEPS, 5, true), s -> {});
    DjlTrainer.Result straight = DjlTrainer.run(
        TinyTrainingTest.tiny(ds, models, "straight", STEPS, 5, false), s -> {});

    assertThat(killedAt).startsWith("step-");
    assertThat(resumed.steps()).isEqualTo(STEPS);
    assertThat(resumed.tokens()).isEqualTo(straight.tokens());
    List<String> metrics = Files.readAllLines(resumed.modelDir().resolve(ModelFiles.METRICS));
    assertThat(metrics).anyMatch(l -> l.contains("\"step\":" + STEPS + ","));
    try (NDManager m = NDManager.newBaseManager();
        TransformerModel a = TransformerModel.load(ModelFiles.readConfig(straight.modelDir()).model(), m,
            straight.modelDir().resolve(ModelFiles.PARAMETERS));
        TransformerModel b = TransformerModel.load(ModelFiles.readConfig(resumed.modelDir()).model(), m,
            resumed.modelDir().resolve(ModelFiles.PARAMETERS))) {
      for (String k : a.parameters().keySet()) {
        float[] x = a.parameters().get(k).toFloatArray();
        float[] y = b.parameters().get(k).toFloatArray();
        for (int i = 0; i < x.length; i++) {
          assertThat(y[i]).as(k).isCloseTo(x[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
      }
    }
  }
}
