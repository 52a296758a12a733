package dev.quarry.core.workspace;

import java.nio.file.Path;

/** A stage output that is missing, partial or tampered with; the message names the directory and the problem. */
public class InvalidOutputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path dir;

  /** Creates the exception for output directory {@code dir}. */
  public InvalidOutputException(Path dir, String problem) {
    super("Invalid output " + dir + ": " + problem);
    this.dir = dir;
  }

  /** The output directory concerned. */
  public Path dir() {
    return dir;
  }
}
