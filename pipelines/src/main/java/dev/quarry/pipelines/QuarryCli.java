package dev.quarry.pipelines;

import dev.quarry.core.workspace.CodeVersion;
import dev.quarry.core.workspace.InvalidOutputException;
import dev.quarry.core.workspace.StageFailedException;
import dev.quarry.core.workspace.TempLeftovers;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code quarry} command line: parses arguments and dispatches to one subcommand.
 *
 * <p>Exit codes (also listed in README.md): {@value #EXIT_OK} success; {@value #EXIT_FAILED} a stage failed
 * at run time (also when it refused a value: an {@link IllegalArgumentException} raised while a stage runs);
 * {@value #EXIT_USAGE} bad command line or option value, found before any work started (picocli's parse
 * errors and the commands' own checks, {@link UsageException}); {@value #EXIT_INVALID_INPUT} an input is
 * missing, partial or tampered with (its manifest does not verify).
 */
@Command(
    name = "quarry",
    mixinStandardHelpOptions = true,
    versionProvider = QuarryCli.Version.class,
    description = {
      "Manufactures and checks text-to-SQL models for one organisation's data.",
      "",
      "Stages: seed (deterministic seed data in Parquet) -> synth (executed, validated NL->SQL pairs in shards)",
      "-> train (embedded DJL model, or hand-off to an external GPU job) -> eval (query bank: EX, test-suite",
      "accuracy) -> report (static site, summary.md/json). 'run' does them all; 'schedule' runs eval+report nightly.",
      "Everything is written under --workspace (default ./workspace); each output has a manifest.json."
    },
    subcommands = {
      RunCommand.class,
      SeedCommand.class,
      SynthCommand.class,
      TrainCommand.class,
      AskCommand.class,
      EvalCommand.class,
      ReportCommand.class,
      ScheduleCommand.class,
      VerifyCommand.class,
      DomainCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 stage failed, 2 bad command line or option, 3 invalid input (manifest does not verify),",
      "4 regression gate: EX fell by more than --max-drop points (eval).",
      "Run 'quarry <command> --help' for the options of a command."
    })
public final class QuarryCli implements Runnable {

  /** Success. */
  public static final int EXIT_OK = 0;
  /** A stage failed at run time. */
  public static final int EXIT_FAILED = 1;
  /** Bad command line or option value. */
  public static final int EXIT_USAGE = 2;
  /** An input is missing, partial or tampered with. */
  public static final int EXIT_INVALID_INPUT = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Entry point: parses, runs and exits with the command's exit code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Parses and runs {@code args}; returns the exit code instead of exiting (for tests). First removes what killed
   * Quarry processes left in the temporary folder ({@link TempLeftovers}).
   */
  public static int execute(String... args) {
    TempLeftovers.removeStale();
    return commandLine().execute(args);
  }

  /** The command line as {@link #execute} configures it: every subcommand, help width, exit-code mapping. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new QuarryCli());
    cli.setUsageHelpWidth(110);
    return withExitCodes(cli);
  }

  /**
   * Sets Quarry's exit-code mapping on {@code cli}: parse errors and {@link UsageException}s exit
   * {@value #EXIT_USAGE} (a usage exception printed as {@code quarry: error: <message>}, parse errors as picocli
   * prints them); exceptions of a running command as {@link #handle} says.
   *
   * @return {@code cli}
   */
  static CommandLine withExitCodes(CommandLine cli) {
    CommandLine.IParameterExceptionHandler picocli = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler((ex, args) -> {
      if (ex instanceof UsageException) {
        ex.getCommandLine().getErr().println("quarry: error: " + ex.getMessage());
        return EXIT_USAGE;
      }
      return picocli.handleParseException(ex, args);
    });
    cli.setExecutionExceptionHandler(QuarryCli::handle);
    return cli;
  }

  /**
   * The exit code of an exception thrown while a command ran: {@value #EXIT_INVALID_INPUT} for an input that
   * does not verify, {@value #EXIT_FAILED} for everything else, an {@link IllegalArgumentException} from inside
   * a stage included (only the checks made before work starts are usage errors).
   */
  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (e instanceof InvalidOutputException) {
      cmd.getErr().println("quarry: error: " + e.getMessage());
      return EXIT_INVALID_INPUT;
    }
    if (e instanceof StageFailedException || e instanceof IllegalArgumentException) {
      cmd.getErr().println("quarry: error: " + e.getMessage());
      if (System.getenv("QUARRY_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      } else {
        cmd.getErr().println("quarry: (set QUARRY_DEBUG=1 for the stack trace; previous outputs are untouched)");
      }
      return EXIT_FAILED;
    }
    cmd.getErr().println("quarry: unexpected error: " + e);
    e.printStackTrace(cmd.getErr());
    return EXIT_FAILED;
  }

  /** Prints the code version ({@link CodeVersion#full()}: the git commit the jar was built from). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"quarry " + CodeVersion.full()};
    }
  }
}
