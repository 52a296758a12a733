package dev.quarry.eval.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The eval history as read by {@link HistoryDb#read}, with the rule of which runs are comparable: only runs on
 * the same query bank (equal {@code bank_sha256}), as {@code --baseline last} chooses its baseline. A trend is
 * a {@link Series}: the runs of one model on one bank.
 *
 * @param runs all runs, oldest first (by {@code started_at}, then {@code run_id})
 * @param breakdowns per run id, its breakdown rows (category rows first, keys sorted)
 */
public record EvalHistory(List<HistoryDb.RunRow> runs, Map<String, List<HistoryDb.BreakdownRow>> breakdowns) {

  /** Copies both. */
  public EvalHistory {
    runs = List.copyOf(runs);
    breakdowns = Map.copyOf(breakdowns);
  }

  /**
   * One trend line: a model on a bank.
   *
   * @param bankSha256 SHA-256 of the query bank
   * @param modelId model id
   */
  public record Series(String bankSha256, String modelId) {

    /** The series {@code run} belongs to. */
    public static Series of(HistoryDb.RunRow run) {
      return new Series(run.bankSha256(), run.modelId());
    }
  }

  /** Whether two runs may be compared (deltas, trends): they ran on the same bank. */
  public static boolean comparable(HistoryDb.RunRow a, HistoryDb.RunRow b) {
    return Objects.equals(a.bankSha256(), b.bankSha256());
  }

  /** The most recent run, if any. */
  public Optional<HistoryDb.RunRow> latest() {
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
  }

  /**
   * The run {@code run} is compared with: the latest earlier run on the same bank (what {@code --baseline last}
   * would have chosen), if any.
   */
  public Optional<HistoryDb.RunRow> previousOnSameBank(HistoryDb.RunRow run) {
    int i = runs.indexOf(run);
    for (int j = (i < 0 ? runs.size() : i) - 1; j >= 0; j--) {
      if (comparable(runs.get(j), run)) {
        return Optional.of(runs.get(j));
      }
    }
    return Optional.empty();
  }

  /** The runs of each series, oldest first; series in the order of their first run. */
  public Map<Series, List<HistoryDb.RunRow>> series() {
    Map<Series, List<HistoryDb.RunRow>> out = new LinkedHashMap<>();
    for (HistoryDb.RunRow r : runs) {
      out.computeIfAbsent(Series.of(r), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  /** Breakdown rows of one run in one scope ({@link HistoryDb#CATEGORY} or {@link HistoryDb#DIFFICULTY}). */
  public List<HistoryDb.BreakdownRow> breakdown(String runId, String scope) {
    return breakdowns.getOrDefault(runId, List.of()).stream().filter(b -> b.scope().equals(scope)).toList();
  }
}
