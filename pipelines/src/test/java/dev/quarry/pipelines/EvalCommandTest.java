package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.eval.generate.GeneratorFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quarry eval} on the committed bank: gold scores 100% and a repeat passes the gate. */
class EvalCommandTest {

  @TempDir Path ws;

  @Test
  void usageErrorsExitTwo() {
    int rc = new CommandLine(new EvalCommand()).setExecutionExceptionHandler((e, c, p) -> 2)
        .execute("--workspace", ws.toString(), "--test-suite", "-1");
    assertThat(rc).isEqualTo(2);
  }

  @Test
  void theCommandLineFindsTheTrainJobsDjlProvider() {
    // eval-job has no dependency on train-job: the djl: scheme comes from the train-job's META-INF/services entry.
    assertThatThrownBy(() -> GeneratorFactory.open("djl:" + ws.resolve("models/latest"), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no trained model at");
  }

  @Test
  @Tag("slow")
  void goldOnTheCommittedBankScoresFullMarks() throws Exception {
    CommandLine cli = new CommandLine(new EvalCommand());
    long t0 = System.nanoTime();
    int rc = cli.execute("--workspace", ws.toString(), "--model", "gold", "--test-suite", "1");
    System.out.println("quarry eval --model gold --test-suite 1 (seeds generated): " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertThat(rc).isZero();
    Path run;
    try (Stream<Path> s = Files.list(ws.resolve("evals"))) {
      run = s.filter(p -> p.getFileName().toString().endsWith("-gold")).findFirst().orElseThrow();
    }
    var summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertThat(summary.at("/metrics/ex_strict").asDouble()).isEqualTo(1.0);
    assertThat(summary.at("/metrics/test_suite").asDouble()).isEqualTo(1.0);
    assertThat(summary.at("/metrics/n").asInt()).isGreaterThanOrEqualTo(80);
    t0 = System.nanoTime();
    assertThat(cli.execute("--workspace", ws.toString(), "--model", "gold", "--test-suite", "1", "--baseline", "last"))
        .isZero();
    System.out.println("second run (seeds reused): " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertThat(new File(ws.resolve("evals/history.duckdb").toString())).exists();
  }
}
