package dev.quarry.core.sql;

import java.io.Serializable;
import java.util.Objects;

/**
 * The result of validating one SQL text.
 *
 * @param ok true if the SQL may be run
 * @param reason why it was refused; null when {@code ok}
 * @param message a human explanation of the refusal; empty when {@code ok}
 * @param ordered true if the outermost query has an ORDER BY (so result order is meaningful);
 *     false when refused
 */
public record Verdict(boolean ok, RejectReason reason, String message, boolean ordered) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks that a refusal has a reason and an accepted verdict has none. */
  public Verdict {
    if (ok != (reason == null)) {
      throw new IllegalArgumentException("A verdict is ok exactly when it has no reason");
    }
    message = Objects.requireNonNullElse(message, "");
  }

  /** An accepted verdict. */
  public static Verdict accept(boolean ordered) {
    return new Verdict(true, null, "", ordered);
  }

  /** A refusal with its reason and message. */
  public static Verdict reject(RejectReason reason, String message) {
    return new Verdict(false, Objects.requireNonNull(reason), message, false);
  }

  @Override
  public String toString() {
    return ok ? "OK" + (ordered ? " (ordered)" : "") : reason + ": " + message;
  }
}
