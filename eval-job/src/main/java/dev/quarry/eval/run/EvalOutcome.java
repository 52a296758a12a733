package dev.quarry.eval.run;

import dev.quarry.eval.results.Metrics;
import dev.quarry.eval.results.QuestionResult;
import java.nio.file.Path;
import java.util.List;

/**
 * What an eval run produced.
 *
 * @param runId run id
 * @param runDir run directory ({@code evals/<run-id>})
 * @param metrics overall metrics
 * @param baseline regression comparison or null
 * @param results per-question results
 */
public record EvalOutcome(String runId, Path runDir, Metrics metrics, Baseline baseline, List<QuestionResult> results) {

  /** Exit code of {@code quarry eval}: 0, or {@link RegressionGate#EXIT_REGRESSION} when the gate failed. */
  public int exitCode() {
    return baseline != null && baseline.failed() ? RegressionGate.EXIT_REGRESSION : 0;
  }

  /** One-line headline: EX strict/lenient, test-suite, n. */
  public String headline() {
    return String.format(java.util.Locale.ROOT, "EX strict %.1f%%  EX lenient %.1f%%  test-suite %.1f%%  n=%d",
        metrics.exStrict() * 100, metrics.exLenient() * 100, metrics.testSuite() * 100, metrics.n());
  }
}
