package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line end to end: exit codes, messages, and that failures never touch existing outputs. */
class QuarryCliTest {

  @TempDir Path tmp;

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void helpListsTheSubcommands() {
    assertThat(QuarryCli.execute("--help")).isZero();
    assertThat(console.stdout()).contains("run", "seed", "synth", "verify", "bench");
  }

  @Test
  void unknownDomainIsAUsageErrorNamingTheBuiltIns() {
    int code = QuarryCli.execute("seed", "--workspace", tmp.toString(), "--domain", "hospital");
    assertThat(code).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("Unknown domain 'hospital'").contains("education");
    assertThat(tmp.resolve("seed")).doesNotExist();
  }

  @Test
  void badOptionValuesAreRefusedByName() {
    assertThat(QuarryCli.execute("seed", "--workspace", tmp.toString(), "--scale", "0")).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("--scale");
    assertThat(QuarryCli.execute("synth", "--workspace", tmp.toString(), "--row-cap", "-1")).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("--row-cap");
    assertThat(QuarryCli.execute("synth", "--workspace", tmp.toString(), "--rephraser", "llm"))
        .isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("--llm-base-url");
    assertThat(QuarryCli.execute("seed", "--seed", "notanumber")).isEqualTo(QuarryCli.EXIT_USAGE);
  }

  @Test
  void flinkOptionsAreCheckedBeforeAnythingRuns() {
    assertThat(QuarryCli.execute("seed", "--workspace", tmp.toString(), "--runner", "spark"))
        .isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("--runner").contains("direct, flink");
    assertThat(QuarryCli.execute("seed", "--workspace", tmp.toString(), "--runner", "flink", "--flink-master", "nohost"))
        .isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("'--flink-master': 'nohost'");
    assertThat(QuarryCli.execute("seed", "--workspace", tmp.toString(), "--flink-master", "localhost:8081"))
        .isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("--flink-master needs --runner flink");
    assertThat(tmp.resolve("seed")).doesNotExist();
  }

  @Test
  void unreachableFlinkMasterFailsFastNamingTheAddress() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    int code = QuarryCli.execute("seed", "--workspace", tmp.toString(), "--runner", "flink",
        "--flink-master", "localhost:" + port);
    assertThat(code).isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(console.stderr())
        .contains("Cannot reach the Flink JobManager at localhost:" + port + " (--flink-master)");
    assertThat(tmp.resolve("seed").resolve("education-s42-x1")).doesNotExist();
  }

  @Test
  void unwritableWorkspaceIsReportedAndNothingIsWritten() throws Exception {
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    int code = QuarryCli.execute("seed", "--workspace", file.resolve("ws").toString());
    assertThat(code).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("not writable")
        .contains(file + " is a file, not a folder (check --workspace)");
  }

  @Test
  void aWorkspacePathThatIsAFileIsNamedAsSuch() throws Exception {
    Path file = Files.writeString(tmp.resolve("ws-file"), "x");
    assertThat(QuarryCli.execute("seed", "--workspace", file.toString())).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains(file + " is a file, not a folder (check --workspace)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--query-timeout-ms|0|--query-timeout-ms must be at least 1, got 0",
      "--max-rows|-5|--max-rows must be at least 1, got -5",
      "--request-timeout|0|--request-timeout must be at least 1 (seconds), got 0",
      "--retries|-1|--retries must be at least 0, got -1"})
  void anInvalidNumericEvalOptionIsNamedWithItsValue(String option, String value, String message) {
    int code = QuarryCli.execute("eval", "--workspace", tmp.toString(), option, value);
    assertThat(code).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("quarry: error: " + message);
    assertThat(tmp.resolve("evals")).doesNotExist();
  }

  /** A command that fails either in its own checks of the command line or, later, inside its work. */
  @CommandLine.Command(name = "probe")
  static final class Probe implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--fail-in")
    String failIn;

    @Override
    public Integer call() {
      UsageException.check(spec, () -> {
        if (failIn.equals("check")) {
          throw new IllegalArgumentException("--fail-in: refused before any work");
        }
      });
      throw new IllegalArgumentException("a value refused deep inside a stage");
    }
  }

  @Test
  void onlyChecksBeforeWorkStartsAreUsageErrors() {
    CommandLine probe = QuarryCli.withExitCodes(new CommandLine(new Probe()));
    assertThat(probe.execute("--fail-in", "check")).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).startsWith("quarry: error: --fail-in: refused before any work");
    console.reset();
    assertThat(probe.execute("--fail-in", "stage")).isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(console.stderr()).startsWith("quarry: error: a value refused deep inside a stage");
    assertThat(probe.execute("--no-such-option")).isEqualTo(QuarryCli.EXIT_USAGE);
  }

  @Test
  void anIllegalArgumentFromInsideTheEvalStageIsAFailedStage() throws Exception {
    // --baseline is looked up in the history by the eval stage itself, after its inputs were prepared.
    Path database = Files.createDirectories(tmp.resolve("db"));
    int code = QuarryCli.execute("eval", "--workspace", tmp.resolve("ws").toString(), "--model", "gold",
        "--test-suite", "0", "--database", database.toString(), "--baseline", "no-such-run");
    assertThat(code).isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(console.stderr()).contains("quarry: error: --baseline no-such-run: no such run");
    // while an unknown --model scheme is refused by the command line's own checks
    assertThat(QuarryCli.execute("eval", "--workspace", tmp.resolve("ws").toString(), "--model", "tgi:x",
        "--test-suite", "0", "--database", database.toString())).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("quarry: error: --model 'tgi:x': no provider for scheme tgi");
  }

  @Test
  void verifyRefusesATamperedOutputWithExitCode3() throws Exception {
    Path dir = tmp.resolve("out");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("data.txt"), "hello");
    Manifests.write(dir, new Manifest(1, "seed", "test", Map.of(), 1L, "v", "f", Map.of(), "now", 0, null,
        Manifests.describeFiles(dir, Map.of())));
    assertThat(QuarryCli.execute("verify", dir.toString())).isZero();
    Files.writeString(dir.resolve("data.txt"), "hellO");
    assertThat(QuarryCli.execute("verify", dir.toString())).isEqualTo(QuarryCli.EXIT_INVALID_INPUT);
    assertThat(console.stderr()).contains("SHA-256 mismatch for data.txt");
  }
}
