package dev.quarry.core.domain.init;

/**
 * A refused input of {@code quarry domain init} or {@code quarry domain check}: a bad source, an empty database,
 * an invalid identifier… Nothing was written when it is thrown. An {@link IllegalArgumentException} so that the
 * command line reports it as an error with a non-zero exit code.
 */
public final class DomainInitException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final InitError error;

  /**
   * @param error the kind of problem
   * @param message what is wrong and, where it helps, what to do
   */
  public DomainInitException(InitError error, String message) {
    super(message);
    this.error = error;
  }

  /**
   * @param error the kind of problem
   * @param message what is wrong
   * @param cause the underlying failure
   */
  public DomainInitException(InitError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  /** The kind of problem. */
  public InitError error() {
    return error;
  }
}
