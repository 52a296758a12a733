package dev.quarry.pipelines.schedule;

import java.nio.file.Path;

/** Another scheduler process already holds {@code <workspace>/schedule.lock}. */
public final class ScheduleLockedException extends RuntimeException {

  /** Creates the exception naming the lock file. */
  public ScheduleLockedException(Path lockFile) {
    super("Another 'quarry schedule' is already running on this workspace (lock held on " + lockFile
        + "); refusing to start a second one");
  }
}
