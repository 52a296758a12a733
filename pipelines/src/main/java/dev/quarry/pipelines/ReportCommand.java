package dev.quarry.pipelines;

import dev.quarry.eval.results.HistoryDb;
import dev.quarry.reports.ReportPublisher;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code quarry report}: publishes the static site, summary.md and summary.json under workspace/reports. */
@Command(name = "report", header = "Stage 5: publish the report site, summary.md and summary.json.", mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Publishes <workspace>/reports/ from the evaluation history (evals/history.duckdb) and run directories:",
      "index.html (trend charts, runs table), runs/<run-id>.html (breakdowns, failing questions side by side),",
      "charts/*.png, summary.md (to paste into a pull request) and summary.json."
    })
public final class ReportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin WorkspaceOption workspace;
  @Mixin ForceOption force;

  @Override
  public Integer call() {
    UsageException.check(spec, () -> HistoryDb.inWorkspace(workspace.path()).requireFile());
    System.setProperty("java.awt.headless", "true");
    ReportPublisher.Result r = ReportPublisher.publish(workspace.path(), force.isSet(),
        Commands.commandLine(spec));
    System.out.printf("report: %s %s (%d runs, latest %s); paste %s%n", r.skipped() ? "up to date" : "wrote",
        r.siteDir().resolve("index.html"), r.runs(), r.latestRunId(), r.siteDir().resolve("summary.md"));
    return QuarryCli.EXIT_OK;
  }
}
