package dev.quarry.train.handoff;

import java.nio.file.Path;

/** The external command failed, timed out or wrote nothing; carries its {@link ExternalJob.Outcome}. */
public class ExternalJobFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ExternalJob.Outcome outcome;
  private final transient Path logFile;

  /** Creates the exception. */
  public ExternalJobFailedException(String message, ExternalJob.Outcome outcome, Path logFile) {
    super(message);
    this.outcome = outcome;
    this.logFile = logFile;
  }

  /** The command's outcome. */
  public ExternalJob.Outcome outcome() {
    return outcome;
  }

  /** The command's log file. */
  public Path logFile() {
    return logFile;
  }
}
