package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.pipelines.RunnerOptions.RunnerKind;
import dev.quarry.pipelines.ScaleBench.Measurement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scale benchmark's linear-growth rule and its table, on made-up timings. */
class ScaleBenchTest {

  private static Measurement m(RunnerKind r, int scale, double seedS, double synthS) {
    return new Measurement(r, scale, seedS, 185_000L * scale, synthS, 54_000);
  }

  @Test
  void growthUpToTwentyPercentOverLinearPassesAndMoreFailsPerRunner() {
    List<Measurement> ok = List.of(
        m(RunnerKind.direct, 1, 5, 25), m(RunnerKind.direct, 100, 1000, 2590), // 3590 s < 120 x 30 s
        m(RunnerKind.flink, 1, 10, 20), m(RunnerKind.flink, 10, 100, 150));
    assertThat(ScaleBench.violations(ok)).isEmpty();

    List<Measurement> bad = List.of(
        m(RunnerKind.direct, 1, 5, 25), m(RunnerKind.direct, 100, 1000, 2601),
        m(RunnerKind.flink, 1, 10, 20), m(RunnerKind.flink, 10, 100, 150));
    assertThat(ScaleBench.violations(bad)).singleElement().asString()
        .startsWith("direct scale 100 took 3601.0 s > 1.2 x 100 x 30.0 s");
  }

  @Test
  void tableGivesRatesAndCostRelativeToTheSmallestScaleOfTheSameRunner() {
    String table = ScaleBench.table(List.of(m(RunnerKind.flink, 1, 10, 20), m(RunnerKind.flink, 10, 100, 170)));
    assertThat(table.lines().toList()).hasSize(4);
    assertThat(table).contains("| flink | 1 | 185,000 | 10.0 | 18,500 | 20.0 | 54,000 | 2,700 | 30.0 | 1.0x | 1x |")
        .contains("| flink | 10 | 1,850,000 | 100.0 | 18,500 | 170.0 | 54,000 | 318 | 270.0 | 9.0x | 10x |");
  }
}
