/**
 * A generic cron runner: runs a {@link dev.quarry.pipelines.schedule.ScheduledJob} in a long-lived process on a
 * UNIX 5-field cron expression (cron-utils), with a process lock, a missed-run catch-up rule, one log file per
 * run and a graceful SIGTERM. It knows nothing of the stages: the command line composes the job that
 * {@code quarry schedule} runs ({@code NightlyEvalJob}: evaluation then report; with {@code --regenerate}
 * seed, synth and training first).
 */
package dev.quarry.pipelines.schedule;
