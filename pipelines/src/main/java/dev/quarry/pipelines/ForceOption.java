package dev.quarry.pipelines;

import picocli.CommandLine.Option;

/**
 * The {@code --force} option (a picocli {@code @Mixin}), declared once for the commands that skip work whose
 * outputs are up to date ({@code run}, {@code seed}, {@code synth}, {@code train}, {@code report}), and by
 * {@code domain init} to replace an existing draft.
 */
public final class ForceOption {

  @Option(names = "--force", description = "Redo the work even when its outputs are up to date; domain init, domain export: replace an existing file (default: off).")
  boolean force;

  /** For picocli. */
  public ForceOption() {}

  /** The option with the given value, for jobs built in code. */
  static ForceOption of(boolean value) {
    ForceOption o = new ForceOption();
    o.force = value;
    return o;
  }

  /** Whether {@code --force} was given. */
  public boolean isSet() {
    return force;
  }
}
