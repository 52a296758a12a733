package dev.quarry.pipelines;

import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * A command's own check of its options and arguments failed before any work started (a missing question, an
 * unknown domain, no trained model, an unwritable workspace…). Like picocli's parse errors it exits with
 * {@link QuarryCli#EXIT_USAGE}; it is printed as {@code quarry: error: <message>}. Thrown only by
 * {@link #check}, so that an {@link IllegalArgumentException} raised while a stage runs stays a failed stage.
 */
final class UsageException extends CommandLine.ParameterException {

  private static final long serialVersionUID = 1L;

  private UsageException(CommandLine commandLine, IllegalArgumentException cause) {
    super(commandLine, cause.getMessage(), cause);
  }

  /**
   * Runs a command's checks of its options and arguments; an {@link IllegalArgumentException} they throw
   * becomes a usage error of that command.
   *
   * @param spec the command
   * @param checks the checks (load nothing expensive, write nothing)
   * @throws UsageException when a check fails
   */
  static void check(CommandLine.Model.CommandSpec spec, Runnable checks) {
    checked(spec, () -> {
      checks.run();
      return null;
    });
  }

  /**
   * Like {@link #check(CommandLine.Model.CommandSpec, Runnable)}, for checks that return what they checked.
   *
   * @return what {@code checks} returned
   * @throws UsageException when a check fails
   */
  static <T> T checked(CommandLine.Model.CommandSpec spec, Supplier<T> checks) {
    try {
      return checks.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(spec.commandLine(), e);
    }
  }
}
