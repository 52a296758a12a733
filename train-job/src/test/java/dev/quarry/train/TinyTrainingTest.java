package dev.quarry.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.core.model.Generation;
import dev.quarry.train.model.Batch;
import dev.quarry.train.model.ModelConfig;
import dev.quarry.train.model.TransformerModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyTrainingTest {

  static TrainSettings tiny(Path ds, Path models, String id, long maxSteps, int checkpointEvery, boolean resume) {
    return new TrainSettings(ds, Path.of("unused-seed"), "education", models, id,
        new ModelConfig(32, 1, 2, 64, 0.0, 24, 40, 0, 0), new TrainSettings.Optimizer(3e-3, 1.0),
        new TrainSettings.Schedule(16, 50, maxSteps, 5, checkpointEvery), new TrainSettings.Evaluation(0, 0, 0), 7,
        resume, true, "test");
  }

  @Test
  void lossFallsAndTheModelDirectoryIsComplete(@TempDir Path tmp) throws Exception {
    Path ds = TinyDataset.write(tmp.resolve("ds"), 160, 3);
    DjlTrainer.Result r = DjlTrainer.run(tiny(ds, tmp.resolve("ws/models"), "tiny", 60, 0, false), s -> {});

    List<JsonNode> steps = Files.readAllLines(r.modelDir().resolve(ModelFiles.METRICS)).stream()
        .map(TinyTrainingTest::json).filter(n -> n.get("kind").asText().equals("step")).toList();
    assertThat(steps).hasSize(60);
    double first = steps.subList(0, 5).stream().mapToDouble(n -> n.get("loss").asDouble()).average().orElseThrow();
    double last = steps.subList(55, 60).stream().mapToDouble(n -> n.get("loss").asDouble()).average().orElseThrow();
    assertThat(last).isLessThan(first * 0.6);
    assertThat(r.modelDir().resolve(ModelFiles.CARD)).content().contains("dataset manifest SHA-256").contains("tokens seen");
    assertThat(tmp.resolve("ws/models/LATEST")).content().isEqualToIgnoringNewLines("tiny");
    assertThat(ModelFiles.resolve(tmp.resolve("ws/models"), "latest")).isEqualTo(r.modelDir());

    try (DjlSqlGenerator g = DjlSqlGenerator.open(r.modelDir(), Optional.empty(), new DecodeSettings(3, false))) {
      Generation gen = g.generate("How many students at Kennedy had more than 7 absences in 2022-23?");
      assertThat(gen.candidates()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
      for (int i = 1; i < gen.candidates().size(); i++) {
        assertThat(gen.candidates().get(i).score()).isLessThanOrEqualTo(gen.candidates().get(i - 1).score());
      }
      assertThat(g.modelCardSha256()).hasSize(64);
    }
  }

  @Test
  void saveThenLoadGivesIdenticalOutputs(@TempDir Path tmp) {
    DjlEnvironment.configure(tmp);
    ModelConfig c = new ModelConfig(32, 2, 4, 64, 0.1, 8, 8, 20, 0);
    try (NDManager m = NDManager.newBaseManager();
        TransformerModel a = TransformerModel.create(c, m, 11)) {
      a.save(tmp.resolve("p.bin"));
      try (TransformerModel b = TransformerModel.load(c, m, tmp.resolve("p.bin"));
          NDManager s = m.newSubManager()) {
        Batch batch = Batch.of(s, List.of(new int[] {5, 6, 7}, new int[] {8}), List.of(new int[] {9, 10}, new int[] {11}),
            null, c.maxQuestion());
        NDArray ya = a.forward(batch.tokens(), batch.positions(), batch.keyMask(), false);
        NDArray yb = b.forward(batch.tokens(), batch.positions(), batch.keyMask(), false);
        assertThat(yb.toFloatArray()).containsExactly(ya.toFloatArray());
        assertThat(b.parameterCount()).isEqualTo(a.parameterCount());
      }
    }
  }

  private static JsonNode json(String s) {
    try {
      return new ObjectMapper().readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
