package dev.quarry.train.handoff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.core.workspace.StageRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a tiny dataset directory with a real manifest, shaped like {@code quarry synth}'s output. */
final class TestDatasets {

  private TestDatasets() {}

  static Path write(Path dir, int trainPairs, int validationPairs) {
    StageRunner.run(new StageRunner.StageRequest("synth", "test", Map.of(), 1L, Map.of(), true), dir, tmp -> {
      Map<String, Long> rows = new LinkedHashMap<>();
      rows.put(shard(tmp, "train", trainPairs), (long) trainPairs);
      rows.put(shard(tmp, "validation", validationPairs), (long) validationPairs);
      Files.createDirectories(tmp.resolve("parquet/train"));
      Files.write(tmp.resolve("parquet/train/part-00000-of-00001.parquet"), new byte[] {'P', 'A', 'R', '1'});
      Files.writeString(tmp.resolve("dataset_info.json"),
          "{\"quarry_education_train\":{\"file_name\":\"jsonl/train\",\"formatting\":\"sharegpt\"},"
              + "\"quarry_education_validation\":{\"file_name\":\"jsonl/validation\",\"formatting\":\"sharegpt\"}}");
      ObjectNode counts = Manifests.JSON.createObjectNode();
      counts.putObject("kept_by_split").put("train", trainPairs).put("validation", validationPairs);
      return new StageRunner.StageOutput(counts, rows);
    });
    return dir;
  }

  private static String shard(Path tmp, String split, int n) throws Exception {
    String rel = "jsonl/" + split + "/part-00000-of-00001.jsonl";
    Files.createDirectories(tmp.resolve(rel).getParent());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("{\"messages\":[{\"role\":\"system\",\"content\":\"schema\"},{\"role\":\"user\",\"content\":\"q")
          .append(i).append("\"},{\"role\":\"assistant\",\"content\":\"SELECT ").append(i).append("\"}]}\n");
    }
    Files.writeString(tmp.resolve(rel), sb.toString());
    return rel;
  }
}
