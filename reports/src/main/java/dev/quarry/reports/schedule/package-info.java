/**
 * {@code quarry schedule}: runs the nightly job (evaluation then report; with {@code --regenerate} seed,
 * synth and training first) in a long-lived process on a UNIX 5-field cron expression (cron-utils), with a
 * process lock, a missed-run catch-up rule, one log file per run and a graceful SIGTERM.
 */
package dev.quarry.reports.schedule;
