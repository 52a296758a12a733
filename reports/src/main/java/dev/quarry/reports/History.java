package dev.quarry.reports;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the history database holds that the report needs.
 *
 * @param runs all runs, oldest first (by {@code started_at}, then {@code run_id})
 * @param breakdowns per run id, its breakdown rows (category rows first, keys sorted)
 */
public record History(List<RunRecord> runs, Map<String, List<BreakdownRecord>> breakdowns) {

  /** The most recent run, if any. */
  public Optional<RunRecord> latest() {
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
  }

  /** The run before the most recent one, if any. */
  public Optional<RunRecord> previous() {
    return runs.size() < 2 ? Optional.empty() : Optional.of(runs.get(runs.size() - 2));
  }

  /** Breakdown rows of one run in one scope ({@link BreakdownRecord#CATEGORY} or {@code DIFFICULTY}). */
  public List<BreakdownRecord> breakdown(String runId, String scope) {
    return breakdowns.getOrDefault(runId, List.of()).stream().filter(b -> b.scope().equals(scope)).toList();
  }
}
