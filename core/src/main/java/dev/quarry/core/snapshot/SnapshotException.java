package dev.quarry.core.snapshot;

/**
 * A refused snapshot: the source changed since the domain file or the last snapshot, or a value cannot be read.
 * Nothing in the workspace was written or changed when it is thrown. An {@link IllegalArgumentException} so that
 * the command line reports it as an error with a non-zero exit code.
 */
public final class SnapshotException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final SnapshotError error;

  /**
   * @param error the kind of problem
   * @param message what is wrong and what to do
   */
  public SnapshotException(SnapshotError error, String message) {
    super(message);
    this.error = error;
  }

  /**
   * @param error the kind of problem
   * @param message what is wrong
   * @param cause the underlying failure
   */
  public SnapshotException(SnapshotError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  /** The kind of problem. */
  public SnapshotError error() {
    return error;
  }
}
