package dev.quarry.pipelines;

import dev.quarry.pipelines.schedule.CronSchedule;
import dev.quarry.pipelines.schedule.ScheduleLockedException;
import dev.quarry.pipelines.schedule.ScheduledJob;
import dev.quarry.pipelines.schedule.Scheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code quarry schedule --cron "0 2 * * *"}: the nightly job in a long-lived process (see {@link Scheduler}).
 * Exit 2 when another scheduler holds the workspace lock or the cron expression is invalid.
 */
@Command(name = "schedule", header = "Run evaluation and report nightly on a cron schedule.", mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the nightly job (evaluation then report; with --regenerate seed, synth and train first) on a",
      "UNIX cron schedule in this long-lived process. One scheduler per workspace (schedule.lock); a run",
      "missed while down runs once at start-up; each run logs to logs/nightly-<UTC>.log; SIGTERM lets the",
      "current run finish within --grace, then abandons it."
    })
public final class ScheduleCommand implements Callable<Integer> {

  /** Builds the nightly job for a workspace (wired by the CLI: eval then report, optionally regenerate). */
  @FunctionalInterface
  public interface ScheduledJobFactory {
    /** The job for {@code workspace}; {@code regenerate} adds seed → synth → train before evaluation. */
    ScheduledJob create(Path workspace, boolean regenerate);
  }

  @Mixin WorkspaceOption workspace;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--cron", paramLabel = "EXPR", required = true,
      description = "UNIX 5-field cron expression, e.g. \"0 2 * * *\" (02:00 every day) (required; no default).")
  String cron;

  @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "Time zone of the cron expression, e.g. Europe/Berlin (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @Option(names = "--regenerate", description = "Regenerate seed data, dataset and model before evaluating (default: off).")
  boolean regenerate;

  @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "PT10M",
      description = "On SIGTERM, how long the current run may still take (ISO-8601, default: ${DEFAULT-VALUE}).")
  Duration grace;

  @Option(names = "--print-next", paramLabel = "N", defaultValue = "0",
      description = "Print the next N fire times and exit; 0 = run the schedule (default: ${DEFAULT-VALUE}).")
  int printNext;

  private final ScheduledJobFactory factory;

  /** With the standard nightly job ({@link NightlyEvalJob#create}). */
  public ScheduleCommand() {
    this(NightlyEvalJob::create);
  }

  /** With the given job factory. */
  public ScheduleCommand(ScheduledJobFactory factory) {
    this.factory = factory;
  }

  @Override
  public Integer call() throws Exception {
    CronSchedule schedule = UsageException.checked(spec, () -> CronSchedule.parse(cron, zone));
    if (printNext > 0) {
      ZonedDateTime t = ZonedDateTime.now(zone);
      for (int i = 0; i < printNext; i++) {
        t = schedule.next(t).orElse(null);
        if (t == null) {
          break;
        }
        System.out.println(t);
      }
      return QuarryCli.EXIT_OK;
    }
    Path ws = workspace.path();
    Scheduler scheduler = new Scheduler(ws, schedule, factory.create(ws, regenerate), Clock.system(zone), System.out);
    try {
      scheduler.start();
    } catch (ScheduleLockedException e) {
      System.err.println("quarry: error: " + e.getMessage());
      return QuarryCli.EXIT_USAGE;
    }
    Thread hook = new Thread(() -> scheduler.stop(grace), "quarry-schedule-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    System.out.println("quarry schedule: " + schedule + " on " + ws + "; SIGTERM or Ctrl-C to stop");
    scheduler.awaitTermination();
    return QuarryCli.EXIT_OK;
  }
}
