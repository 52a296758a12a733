package dev.quarry.pipelines.schedule;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.function.BooleanSupplier;

/**
 * What a {@link ScheduledJob} gets for one run.
 *
 * @param fireTime the scheduled time this run stands for (in the schedule's time zone)
 * @param catchUp true when this run makes up for a fire time missed while the process was down
 * @param logFile this run's own log file ({@code <workspace>/logs/nightly-<UTC timestamp>.log})
 * @param log stream writing to {@code logFile}; during the run System.out and System.err are also copied here
 * @param abandon true once shutdown's grace period ran out: stop as soon as possible
 */
public record RunContext(ZonedDateTime fireTime, boolean catchUp, Path logFile, PrintStream log, BooleanSupplier abandon) {

  /** True once the run should stop (SIGTERM and the grace period elapsed). */
  public boolean abandonRequested() {
    return abandon.getAsBoolean();
  }
}
