package dev.quarry.pipelines.schedule;

/**
 * The work done at each fire time (supplied by the command line: evaluation then report, with
 * {@code --regenerate} seed → synth → train first). Implementations should check
 * {@link RunContext#abandonRequested()} between steps and stop early when it is true.
 */
@FunctionalInterface
public interface ScheduledJob {

  /**
   * Runs once.
   *
   * @param ctx the fire time, the run's log and the abandon flag
   * @throws Exception on failure; the scheduler logs it, does not advance the state, and keeps scheduling
   */
  void run(RunContext ctx) throws Exception;
}
