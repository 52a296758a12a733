package dev.quarry.eval.run;

import java.util.List;

/**
 * The regression comparison against a baseline run (the {@code baseline} object of {@code summary.json}).
 *
 * @param runId baseline run id
 * @param exStrictBefore baseline strict EX (0..1)
 * @param exStrictAfter this run's strict EX (0..1)
 * @param deltaPoints (after − before) × 100
 * @param newlyFailing ids correct (strict) in the baseline, wrong now, in bank order
 * @param newlyPassing ids wrong in the baseline, correct now
 * @param mcnemarP McNemar's exact p-value over the paired questions ({@link McNemar})
 * @param gate "pass" or "fail" (fail when deltaPoints &lt; −maxDrop)
 * @param maxDrop allowed drop in points
 */
public record Baseline(String runId, double exStrictBefore, double exStrictAfter, double deltaPoints,
    List<String> newlyFailing, List<String> newlyPassing, double mcnemarP, String gate, double maxDrop) {

  /** True if the gate failed. */
  public boolean failed() {
    return "fail".equals(gate);
  }
}
