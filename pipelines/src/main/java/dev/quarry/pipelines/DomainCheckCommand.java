package dev.quarry.pipelines;

import dev.quarry.core.domain.init.CheckProblem;
import dev.quarry.core.domain.init.DomainChecker;
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
      "in the data, joins between different types. Exit code 1 when there is a problem."
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
    List<CheckProblem> problems = DomainChecker.check(file);
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
}
