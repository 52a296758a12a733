package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Determinism across runners: for the same seed and options, the seed Parquet files and the dataset
 * shards written on Flink (embedded cluster, parallelism 2) have exactly the SHA-256 of those written on
 * the Direct runner.
 */
class RunnerDeterminismTest {

  @TempDir Path tmp;

  /** Runs seed then synth on {@code runner}; returns {relative path → SHA-256} of both outputs. */
  static Map<String, Map<String, String>> seedAndSynth(Path ws, String runner, int scale) {
    String[] common = {"--workspace", ws.toString(), "--runner", runner, "--parallelism", "2",
        "--scale", Integer.toString(scale)};
    assertThat(QuarryCli.execute(concat(new String[] {"seed"}, common))).as("seed on " + runner).isZero();
    assertThat(QuarryCli.execute(concat(new String[] {"synth", "--samples-per-template", "4"}, common)))
        .as("synth on " + runner).isZero();
    Workspace w = new Workspace(ws);
    return Map.of(
        "seed", MainJobTest.hashes(w.seedDir("education", 42, scale)),
        "dataset", MainJobTest.hashes(w.datasetDir("education", 42, scale)));
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private void assertSameBytes(int scale) {
    Map<String, Map<String, String>> direct = seedAndSynth(tmp.resolve("direct"), "direct", scale);
    Map<String, Map<String, String>> flink = seedAndSynth(tmp.resolve("flink"), "flink", scale);
    assertThat(direct.get("seed")).isNotEmpty();
    assertThat(direct.get("dataset").keySet())
        .contains("dataset_info.json", "rejects/rejects.jsonl")
        .anyMatch(p -> p.startsWith("parquet/train/part-"))
        .anyMatch(p -> p.startsWith("jsonl/test/part-"));
    assertThat(flink.get("seed")).isEqualTo(direct.get("seed"));
    assertThat(flink.get("dataset")).isEqualTo(direct.get("dataset"));
  }

  @Test
  void flinkWritesTheSameSeedAndDatasetBytesAsDirectAtScale1() {
    assertSameBytes(1);
  }

  @Test
  @Tag("slow")
  void flinkWritesTheSameSeedAndDatasetBytesAsDirectAtScale10() {
    assertSameBytes(10);
  }
}
