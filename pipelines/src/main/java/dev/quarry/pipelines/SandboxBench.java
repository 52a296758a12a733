package dev.quarry.pipelines;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlExecutor;
import dev.quarry.core.sql.SqlIdentifiers;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.core.sql.SupervisedSqlExecutor;
import dev.quarry.core.sql.WorkerLimits;
import dev.quarry.eval.bank.BankQuestion;
import dev.quarry.eval.bank.Banks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quarry bench sandbox}: the per-statement cost of running untrusted SQL in the supervised worker process
 * ({@link SupervisedSqlExecutor}, what eval uses) against the in-process {@link SqlSandbox}, on the committed
 * query bank's gold SQL over the workspace's seed data; also the time to open each and to replace a killed
 * worker.
 */
@Command(name = "sandbox", header = "Untrusted SQL in the supervised worker process vs in-process: ms/statement, ratio, restart time.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Runs the committed query bank's gold SQL, --rounds times, through the in-process sandbox and through the",
      "supervised worker process that eval uses (same settings, same seed data; one untimed round each first),",
      "alternating rounds. Prints the time to open each, ms per statement of both, the worker's overhead per",
      "statement and the ratio; the same for a trivial statement (the fixed cost of the round trip); and the time",
      "a statement waits when its worker was killed and must be restarted."
    })
final class SandboxBench implements Callable<Integer> {

  /** Runs of the trivial statement that isolates the worker's fixed cost per statement. */
  static final int TRIVIAL = 2_000;

  @Mixin DataOptions data;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
      description = "Timed rounds over the bank's gold SQL per variant (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--restarts", paramLabel = "N", defaultValue = "3",
      description = "Worker kills whose restart is timed (default: ${DEFAULT-VALUE}).")
  int restarts;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
    }
    if (restarts < 0) {
      throw new IllegalArgumentException("--restarts must be at least 0, got " + restarts);
    }
    Domain domain = DomainLoader.load(data.domain);
    Path seedDir = Stages.seed(data, RunnerOptions.defaults(), Commands.commandLine(spec), false).dir();
    List<String> sql = new ArrayList<>();
    for (BankQuestion q : Banks.education().questions()) {
      sql.addAll(q.goldSql());
    }
    SandboxSettings settings = SandboxSettings.defaults()
        .withWorkDir(data.workspace().root().resolve("cache").resolve("bench-sandbox"));
    System.out.printf("sandbox bench: %d gold SQL statements of the committed bank x %d rounds, seed data %s%n",
        sql.size(), rounds, seedDir);
    long t0 = System.nanoTime();
    try (SqlSandbox local = SqlSandbox.open(domain, seedDir, settings.withIsolation(SandboxSettings.Isolation.IN_PROCESS))) {
      double localOpen = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      WorkerLimits limits = WorkerLimits.forSettings(settings);
      try (SupervisedSqlExecutor worker = SupervisedSqlExecutor.open(domain, seedDir, settings, limits)) {
        double workerOpen = (System.nanoTime() - t1) / 1e9;
        System.out.printf("open: in-process %.2f s; worker process %.2f s (JVM start, seed data into the database file)%n",
            localOpen, workerOpen);
        round(local, sql);
        round(worker, sql);
        double localS = 0;
        double workerS = 0;
        for (int r = 0; r < rounds; r++) {
          localS += round(local, sql);
          workerS += round(worker, sql);
        }
        int n = sql.size() * rounds;
        double localMs = localS * 1e3 / n;
        double workerMs = workerS * 1e3 / n;
        System.out.printf("in-process SqlSandbox:          %,d statements in %6.2f s = %.3f ms/statement%n", n, localS,
            localMs);
        System.out.printf("worker SupervisedSqlExecutor:   %,d statements in %6.2f s = %.3f ms/statement%n", n, workerS,
            workerMs);
        System.out.printf("worker overhead: %+.3f ms/statement; ratio worker / in-process %.2f%n", workerMs - localMs,
            workerMs / localMs);
        // The fixed cost alone: a statement DuckDB answers at once, so the difference is the worker round trip
        // (pipe, serialization, supervision) rather than query time.
        List<String> trivial = java.util.Collections.nCopies(TRIVIAL,
            "SELECT count(*) FROM " + SqlIdentifiers.quoteIdent(domain.tables().get(0).name()));
        round(local, trivial);
        round(worker, trivial);
        double localT = round(local, trivial) * 1e3 / TRIVIAL;
        double workerT = round(worker, trivial) * 1e3 / TRIVIAL;
        System.out.printf("trivial statement x %,d: in-process %.3f ms, worker %.3f ms; worker overhead %+.3f ms/statement%n",
            TRIVIAL, localT, workerT, workerT - localT);
        if (restarts > 0) {
          double total = 0;
          for (int i = 0; i < restarts; i++) {
            ProcessHandle.of(worker.workerPid()).ifPresent(ProcessHandle::destroyForcibly);
            long t2 = System.nanoTime();
            worker.execute(sql.get(0));
            total += (System.nanoTime() - t2) / 1e9;
          }
          System.out.printf("statement after a killed worker (restart included): %.2f s (mean of %d; the hard limit is "
              + "timeout + %d ms, the restart is paid by the next statement)%n", total / restarts, restarts,
              limits.grace().toMillis());
        }
      }
    }
    return QuarryCli.EXIT_OK;
  }

  /** Seconds to run every statement once. */
  private static double round(SqlExecutor executor, List<String> sql) {
    long t0 = System.nanoTime();
    for (String s : sql) {
      executor.execute(s);
    }
    return (System.nanoTime() - t0) / 1e9;
  }
}
