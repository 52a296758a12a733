package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code quarry seed}, {@code quarry synth} and {@code quarry eval} with SIGKILL at a seeded random point
 * (20–80% of an uninterrupted run's duration), re-runs the same command, and checks that the outputs equal the
 * uninterrupted run's byte for byte (seed and synth: every file the manifest lists; eval: results.jsonl without its
 * timing fields), that the killed run left nothing in the workspace (no partial output, temporary output folder
 * or SQL-worker scratch folder) and nothing in the JVM's temporary folder (DuckDB's native library copy, sandbox
 * folders), and that no file named after Quarry appeared in /tmp. Each stage runs in a child JVM with its own
 * {@code java.io.tmpdir}. Slow: 3–6 minutes on the 2-core development machine (three stages run two and a half
 * times each).
 */
@Tag("slow")
class StagesAfterKillTest {

  private static final long KILL_SEED = 20261202L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyStageKilledAtARandomPointRerunsToIdenticalOutputAndLeavesNothingBehind(@TempDir Path root)
      throws Exception {
    List<String> tmpBefore = quarryNamedInTmp();
    Path ref = root.resolve("reference");
    Path killed = root.resolve("killed");
    Random random = new Random(KILL_SEED);
    List<String> synthArgs = List.of("--samples-per-template", "4", "--questions-per-sql", "2");
    List<String> evalArgs = List.of("--model", "gold", "--test-suite", "0");
    String[][] stages = {
      {"seed"},
      concat("synth", synthArgs),
      concat("eval", evalArgs),
    };
    for (String[] stage : stages) {
      String name = stage[0];
      Run reference = run(root, ref, stage, -1);
      assertThat(reference.exit).as(name + " reference run: " + reference.log).isZero();
      long killAfter = (long) (reference.millis * (0.2 + 0.6 * random.nextDouble()));
      Run interrupted = run(root, killed, stage, killAfter);
      System.out.printf("%s: reference %d ms; killed after %d ms (exit %d)%n", name, reference.millis, killAfter,
          interrupted.exit);
      Run again = run(root, killed, stage, -1);
      assertThat(again.exit).as(name + " re-run: " + again.log).isZero();
      assertThat(again.tmpLeft).as(name + ": the re-run's temporary folder (the killed run's leftovers removed)")
          .isEmpty();
      switch (name) {
        case "seed" -> assertThat(hashes(killed.resolve("seed/education-s42-x1")))
            .isEqualTo(hashes(ref.resolve("seed/education-s42-x1")));
        case "synth" -> assertThat(hashes(killed.resolve("datasets/education-s42-x1")))
            .isEqualTo(hashes(ref.resolve("datasets/education-s42-x1")));
        default -> {
          assertThat(runDirs(killed)).as("only the re-run's folder: a killed eval writes no run").hasSize(1);
          assertThat(results(runDirs(killed).get(0))).isEqualTo(results(runDirs(ref).get(0)));
        }
      }
      try (Stream<Path> all = Files.walk(killed)) {
        List<String> leftovers = all.map(p -> killed.relativize(p).toString())
            .filter(p -> p.contains(".tmp-") || p.contains(".old-") || p.contains("quarry-sql-worker")
                || p.contains("quarry-sandbox") || p.endsWith(".duckdb.wal") || p.contains("/seed-"))
            .collect(Collectors.toList());
        assertThat(leftovers).as(name + ": leftovers in the workspace").isEmpty();
      }
    }
    assertThat(quarryNamedInTmp()).isEqualTo(tmpBefore);
  }

  private record Run(int exit, long millis, String log, List<String> tmpLeft) {}

  /** Runs {@code quarry <args> --workspace ws} in a child JVM; kills it after {@code killAfterMs} when ≥ 0. */
  private static Run run(Path root, Path ws, String[] args, long killAfterMs) throws Exception {
    Path tmp = Files.createDirectories(root.resolve("java-tmp"));
    Path home = Files.createDirectories(root.resolve("home"));
    Path cwd = Files.createDirectories(root.resolve("cwd"));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-XX:-UsePerfData", "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + home, "-cp",
        HostileCorpusEvalTest.classPath(), QuarryCli.class.getName()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--workspace", ws.toString()));
    Path log = root.resolve("child.log");
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    if (killAfterMs >= 0) {
      if (!p.waitFor(killAfterMs, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly(); // SIGKILL
      }
    }
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("child finished").isTrue();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    List<String> left;
    try (Stream<Path> s = Files.list(tmp)) {
      left = s.map(f -> f.getFileName().toString()).sorted().toList();
    }
    return new Run(p.exitValue(), ms, Files.readString(log), left);
  }

  private static String[] concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all.toArray(String[]::new);
  }

  private static Map<String, String> hashes(Path dir) {
    return Manifests.verify(dir).files().stream()
        .collect(Collectors.toMap(Manifest.FileEntry::path, Manifest.FileEntry::sha256, (a, b) -> a, TreeMap::new));
  }

  private static List<Path> runDirs(Path ws) throws Exception {
    try (Stream<Path> s = Files.list(ws.resolve("evals"))) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** results.jsonl without the timing fields, which differ between runs. */
  private static List<String> results(Path runDir) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve("results.jsonl"))) {
      ObjectNode n = (ObjectNode) JSON.readTree(line);
      n.remove(List.of("latency_ms", "generation_ms", "execution_ms"));
      out.add(n.toString());
    }
    return out;
  }

  private static List<String> quarryNamedInTmp() throws Exception {
    try (Stream<Path> s = Files.list(Path.of("/tmp"))) {
      return s.map(f -> f.getFileName().toString()).filter(f -> f.toLowerCase().contains("quarry")).sorted().toList();
    }
  }
}
