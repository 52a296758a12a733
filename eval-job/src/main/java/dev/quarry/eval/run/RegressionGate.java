package dev.quarry.eval.run;

import dev.quarry.eval.results.Metrics;
import dev.quarry.eval.results.QuestionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a run with a baseline: questions (matched by id) that newly fail and newly pass under strict EX,
 * McNemar's exact p-value of the paired change, and the gate: fail when strict EX fell by more than
 * {@code maxDrop} percentage points (EX of each run over its own questions).
 */
public final class RegressionGate {

  /** Exit code of {@code quarry eval} when the gate fails. */
  public static final int EXIT_REGRESSION = 4;

  private RegressionGate() {}

  /**
   * @param baselineRunId baseline run id
   * @param baselineExStrict baseline strict EX (0..1)
   * @param baselineById baseline strict verdict per question id
   * @param current this run's results
   * @param maxDrop allowed drop in points (≥ 0)
   * @return the comparison
   * @throws IllegalArgumentException if maxDrop is negative
   */
  public static Baseline compare(String baselineRunId, double baselineExStrict, Map<String, Boolean> baselineById,
      List<QuestionResult> current, double maxDrop) {
    if (!(maxDrop >= 0)) {
      throw new IllegalArgumentException("--max-drop must be >= 0, got " + maxDrop);
    }
    List<String> fail = new ArrayList<>();
    List<String> pass = new ArrayList<>();
    for (QuestionResult r : current) {
      Boolean before = baselineById.get(r.id());
      if (before == null) {
        continue;
      }
      if (before && !r.exStrict()) {
        fail.add(r.id());
      } else if (!before && r.exStrict()) {
        pass.add(r.id());
      }
    }
    double after = Metrics.of(current).exStrict();
    double delta = (after - baselineExStrict) * 100.0;
    double p = McNemar.exactP(fail.size(), pass.size());
    String gate = delta < -maxDrop - 1e-9 ? "fail" : "pass";
    return new Baseline(baselineRunId, baselineExStrict, after, delta, fail, pass, p, gate, maxDrop);
  }
}
