package dev.quarry.pipelines;

import dev.quarry.eval.run.EvalOutcome;
import dev.quarry.pipelines.schedule.ScheduledJob;
import dev.quarry.reports.ReportPublisher;
import java.nio.file.Path;

/**
 * The job {@code quarry schedule} runs at each fire time: evaluation of the latest model on the committed
 * bank (gated against the previous run), then the report; with {@code --regenerate}, seed → synth → train
 * first (forced). Checks the abandon flag between stages.
 */
final class NightlyEvalJob {

  private NightlyEvalJob() {}

  /** The nightly job for {@code workspace}. */
  static ScheduledJob create(Path workspace, boolean regenerate) {
    return ctx -> {
      DataOptions o = DataOptions.defaults(workspace);
      RunnerOptions runner = RunnerOptions.defaults();
      String cmd = "quarry schedule" + (regenerate ? " --regenerate" : "");
      if (regenerate) {
        var seed = Stages.seed(o, runner, cmd, true);
        ctx.log().println("seed    " + Stages.describe(seed));
        if (ctx.abandonRequested()) {
          return;
        }
        var synth = Stages.synth(o, runner, SynthSettings.defaults(), seed.dir(), cmd, true);
        ctx.log().println("synth   " + Stages.describe(synth));
        if (ctx.abandonRequested()) {
          return;
        }
        Stages.train(o, true, cmd, ctx.log());
        if (ctx.abandonRequested()) {
          return;
        }
      }
      EvalOutcome eval = EvalStage.run(o, runner, EvalStage.Settings.defaults(o, "last"), cmd);
      ctx.log().println("eval    " + eval.headline() + "  " + eval.runDir());
      if (ctx.abandonRequested()) {
        return;
      }
      ReportPublisher.Result report = ReportPublisher.publish(workspace, false, cmd);
      ctx.log().println("report  " + report.siteDir().resolve("index.html"));
      if (eval.exitCode() != 0) {
        throw new IllegalStateException("regression gate failed: " + eval.headline());
      }
    };
  }
}
