package dev.quarry.core.workspace;

/** A stage body failed; the previous output (if any) is untouched. The cause carries the reason. */
public class StageFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Wraps the body's failure of stage {@code stage}. */
  public StageFailedException(String stage, Throwable cause) {
    super("Stage '" + stage + "' failed: " + rootMessage(cause), cause);
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    String m = r.getMessage();
    return r.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
