package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.workspace.Manifests;
import dev.quarry.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker exception in the middle of a Flink run (fault injection in ExecuteCandidates) fails the run
 * with the cause shown, leaves the previous complete dataset untouched, and a re-run writes the same bytes.
 */
class FlinkFailureTest {

  @TempDir Path tmp;

  private static String[] synth(Path ws, String... extra) {
    return RunnerDeterminismTest.concat(new String[] {"synth", "--workspace", ws.toString(), "--runner", "flink",
        "--parallelism", "2", "--samples-per-template", "4"}, extra);
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void workerExceptionFailsTheRunWithItsCauseAndKeepsThePreviousDataset() throws IOException {
    Path ws = tmp.resolve("ws");
    assertThat(QuarryCli.execute(synth(ws))).isZero();
    Path dataset = new Workspace(ws).datasetDir("education", 42, 1);
    Map<String, String> before = MainJobTest.hashes(dataset);
    String manifestBefore = Manifests.manifestHash(dataset);
    List<String> siblingsBefore = entries(dataset.getParent());

    ConsoleCapture.Captured run =
        ConsoleCapture.run(() -> QuarryCli.execute(synth(ws, "--force", "--fail-after-candidates", "100")));
    assertThat(run.exitCode()).isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(run.stderr())
        .contains("Stage 'synth' failed")
        .contains("injected failure in ExecuteCandidates after 100 candidates");
    assertThat(Manifests.manifestHash(dataset)).isEqualTo(manifestBefore);
    assertThat(MainJobTest.hashes(dataset)).isEqualTo(before); // verifies every file against the manifest
    assertThat(entries(dataset.getParent())).isEqualTo(siblingsBefore); // no half-written dataset left beside it

    assertThat(QuarryCli.execute(synth(ws, "--force"))).isZero();
    assertThat(MainJobTest.hashes(dataset)).isEqualTo(before);
  }
}
