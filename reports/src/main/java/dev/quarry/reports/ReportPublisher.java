package dev.quarry.reports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.workspace.Sha256;
import dev.quarry.core.workspace.StageRunner;
import dev.quarry.eval.results.EvalHistory;
import dev.quarry.eval.results.HistoryDb;
import dev.quarry.eval.results.RunFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code quarry report}: publishes {@code <workspace>/reports/} from {@code <workspace>/evals/}, read through the
 * eval-job's owner of those files ({@link HistoryDb#read}, {@link RunFiles#read}).
 *
 * <p>Runs through {@link StageRunner}: every run directory named in the history is an input (verified through
 * its manifest; a tampered run stops the report with {@code InvalidOutputException}), the history file's
 * SHA-256 is an option, so the report is skipped when nothing changed (unless {@code force}) and otherwise
 * written to a temporary directory and renamed into place.
 */
public final class ReportPublisher {

  /** Stage name in the manifest. */
  public static final String STAGE = "report";

  /**
   * Result of a publication.
   *
   * @param siteDir {@code <workspace>/reports}
   * @param skipped true if an up-to-date report was reused
   * @param runs runs in the history
   * @param latestRunId latest run id or null
   */
  public record Result(Path siteDir, boolean skipped, int runs, String latestRunId) {}

  private ReportPublisher() {}

  /**
   * Publishes the report.
   *
   * @param workspace workspace root (holds {@code evals/history.duckdb})
   * @param force regenerate even if up to date
   * @param command the command line, recorded in the manifest
   * @throws IllegalArgumentException if the history database is missing
   * @throws dev.quarry.core.workspace.InvalidOutputException if a run directory does not verify
   * @throws dev.quarry.core.workspace.StageFailedException if writing fails (previous report untouched)
   */
  public static Result publish(Path workspace, boolean force, String command) {
    HistoryDb historyDb = HistoryDb.inWorkspace(workspace);
    Path db = historyDb.file();
    EvalHistory history = historyDb.read();
    Map<String, Path> runDirs = new TreeMap<>();
    for (HistoryDb.RunRow r : history.runs()) {
      Path d = RunFiles.runDir(workspace, r);
      if (d != null) {
        runDirs.put(r.runId(), d);
      }
    }
    Map<String, Path> inputs = new TreeMap<>();
    runDirs.forEach((id, d) -> inputs.put("run:" + id, d));
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("history_sha256", Sha256.ofFile(db));
    options.put("runs", history.runs().size());
    Path siteDir = workspace.resolve("reports");
    StageRunner.StageResult res = StageRunner.run(
        new StageRunner.StageRequest(STAGE, command, options, null, inputs, force), siteDir, tmp -> {
          Instant now = Instant.now();
          Map<String, RunFiles.RunData> data = new LinkedHashMap<>();
          runDirs.forEach((id, d) -> data.put(id, RunFiles.read(d)));
          SiteWriter.write(tmp, history, data, now);
          RunFiles.RunData latest = history.latest().map(r -> data.get(r.runId())).orElse(null);
          ObjectNode json = SummaryWriter.json(history, latest == null ? null : latest.summary(), now);
          Files.writeString(tmp.resolve("summary.json"), SummaryWriter.JSON.writeValueAsString(json),
              StandardCharsets.UTF_8);
          Files.writeString(tmp.resolve("summary.md"), SummaryWriter.markdown(history, json), StandardCharsets.UTF_8);
          ObjectNode counts = JsonNodeFactory.instance.objectNode();
          counts.put("runs", history.runs().size());
          counts.put("run_pages", history.runs().size());
          return new StageRunner.StageOutput(counts, Map.of());
        });
    return new Result(res.dir(), res.skipped(), history.runs().size(),
        history.latest().map(HistoryDb.RunRow::runId).orElse(null));
  }
}
