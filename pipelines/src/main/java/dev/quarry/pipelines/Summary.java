package dev.quarry.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.workspace.StageRunner;
import java.util.Iterator;
import java.util.Map;

/** Prints the human summary of stage outputs from their manifests. */
final class Summary {

  private Summary() {}

  /** Rows per table of a seed output. */
  static void printSeed(StageRunner.StageResult seed) {
    JsonNode rows = seed.manifest().counts().path("rows");
    StringBuilder sb = new StringBuilder("seed rows:");
    rows.fields().forEachRemaining(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue().asLong()));
    System.out.println(sb);
  }

  /** Kept and dropped pairs of a dataset output. */
  static void printDataset(StageRunner.StageResult synth) {
    JsonNode c = synth.manifest().counts();
    System.out.printf("dataset: %d pairs kept from %d candidate SQL (%d distinct SQL kept)%n",
        c.path("kept_pairs").asLong(), c.path("candidates").asLong(), c.path("distinct_sql").asLong());
    System.out.println("  by split:    " + inline(c.path("kept_by_split")));
    System.out.println("  by hardness: " + inline(c.path("kept_by_hardness")));
    System.out.println("  by family:   " + inline(c.path("kept_by_family")));
    System.out.println("  dropped:     " + inline(c.path("dropped_by_reason")));
    System.out.println("  shards:      " + synth.dir().resolve("jsonl") + " (chat JSONL), "
        + synth.dir().resolve("parquet") + " (Parquet), dataset_info.json, rejects/");
  }

  private static String inline(JsonNode obj) {
    StringBuilder sb = new StringBuilder();
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      sb.append(e.getKey()).append('=').append(e.getValue().asLong());
      if (it.hasNext()) {
        sb.append(", ");
      }
    }
    return sb.length() == 0 ? "-" : sb.toString();
  }
}
