package dev.quarry.pipelines;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.domain.init.CheckProblem;
import dev.quarry.core.domain.init.DomainChecker;
import dev.quarry.eval.bank.Banks;
import dev.quarry.eval.bank.QueryBank;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code quarry domain check FILE}: validates an edited domain file against the source it records and explains
 * each problem; exits {@value QuarryCli#EXIT_FAILED} when there is any, {@value QuarryCli#EXIT_USAGE} when the file
 * is missing.
 */
@Command(name = "check", header = "Check an edited domain.json against its recorded source.", mixinStandardHelpOptions = true,
    description = {
      "Validates FILE against the source it records (read-only): unknown tables and columns, types that",
      "differ, roles that contradict the type (a measure on VARCHAR), vocabulary and year values not found",
      "in the data, joins between different types, a declared query bank (\"bank\": {\"path\": ...}) that is",
      "missing or does not parse. Exit code 1 when there is a problem."
    })
final class DomainCheckCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The domain.json written by 'quarry domain init'.")
  Path file;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    UsageException.check(spec, () -> {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("Domain file not found: " + file);
      }
    });
    List<CheckProblem> problems = new java.util.ArrayList<>(DomainChecker.check(file));
    bankParseProblem(problems).ifPresent(problems::add);
    if (problems.isEmpty()) {
      System.out.println("ok  " + file + " matches its source");
      return QuarryCli.EXIT_OK;
    }
    for (CheckProblem p : problems) {
      System.out.println("problem  " + p);
    }
    System.out.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in " + file);
    return QuarryCli.EXIT_FAILED;
  }

  /**
   * When the file declares a bank that {@link DomainChecker} found readable: the problem of a bank that does not parse
   * ({@link Banks#load}), else empty.
   */
  private java.util.Optional<CheckProblem> bankParseProblem(List<CheckProblem> found) {
    if (found.stream().anyMatch(p -> p.kind() == CheckProblem.Kind.BANK_UNREADABLE
        || p.kind() == CheckProblem.Kind.INVALID_FILE)) {
      return java.util.Optional.empty();
    }
    Domain d = DomainLoader.load(file.toString());
    if (d.bank() == null) {
      return java.util.Optional.empty();
    }
    try {
      QueryBank bank = Banks.load(Path.of(d.bank().path()), d.bank().db());
      if (bank.questions().isEmpty()) {
        return java.util.Optional.of(new CheckProblem(CheckProblem.Kind.BANK_UNREADABLE, null, null,
            "the query bank " + d.bank().path() + " holds no question" + (d.bank().db() == null ? ""
                : " for db '" + d.bank().db() + "'")));
      }
      return java.util.Optional.empty();
    } catch (IllegalArgumentException e) {
      return java.util.Optional.of(new CheckProblem(CheckProblem.Kind.BANK_UNREADABLE, null, null,
          "the query bank " + d.bank().path() + " cannot be read: " + e.getMessage()));
    }
  }
}
