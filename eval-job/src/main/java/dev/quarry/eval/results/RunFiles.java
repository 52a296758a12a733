package dev.quarry.eval.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of the eval stage in a workspace: {@code <workspace>/evals/} holds {@link HistoryDb#FILE_NAME} and
 * one directory per run, {@code evals/<run-id>/}, with {@link ResultsJsonl#FILE_NAME} (one
 * {@link QuestionResult} per line), {@value #SUMMARY} (run metadata, metrics, breakdowns, error classes,
 * latency, baseline; written by the eval-job's {@code SummaryJson}) and {@code manifest.json}. This class
 * names them and reads a run directory back.
 */
public final class RunFiles {

  /** The folder of the eval stage under the workspace. */
  public static final String EVALS_DIR = "evals";
  /** Run summary file name in a run directory. */
  public static final String SUMMARY = "summary.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunFiles() {}

  /** {@code <workspace>/evals}. */
  public static Path evalsDir(Path workspaceRoot) {
    return workspaceRoot.resolve(EVALS_DIR);
  }

  /**
   * What a run directory holds.
   *
   * @param summary the parsed {@code summary.json}
   * @param results the questions, in bank order
   */
  public record RunData(JsonNode summary, List<QuestionResult> results) {}

  /**
   * Reads a run directory.
   *
   * @throws IllegalStateException naming the file (and line) when a file is missing or malformed
   */
  public static RunData read(Path runDir) {
    Path summaryFile = runDir.resolve(SUMMARY);
    JsonNode summary;
    try {
      summary = JSON.readTree(summaryFile.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + summaryFile + ": " + e.getMessage(), e);
    }
    return new RunData(summary, ResultsJsonl.read(runDir.resolve(ResultsJsonl.FILE_NAME)));
  }

  /**
   * Where a run's directory is: {@code run_dir} as recorded (absolute, else relative to the workspace, else to
   * {@code evals/}), falling back to {@code evals/<run-id>}; null if none exists.
   */
  public static Path runDir(Path workspaceRoot, HistoryDb.RunRow r) {
    Path evals = evalsDir(workspaceRoot);
    if (r.runDir() != null && !r.runDir().isBlank()) {
      Path p = Path.of(r.runDir());
      for (Path c : p.isAbsolute() ? new Path[] {p} : new Path[] {workspaceRoot.resolve(p), evals.resolve(p)}) {
        if (Files.isDirectory(c)) {
          return c;
        }
      }
    }
    Path byId = evals.resolve(r.runId());
    return Files.isDirectory(byId) ? byId : null;
  }
}
