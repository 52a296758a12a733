package dev.quarry.pipelines;

import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.eval.generate.GeneratorFactory;
import dev.quarry.eval.run.EvalOutcome;
import dev.quarry.eval.run.RegressionGate;
import dev.quarry.train.ModelFiles;
import dev.quarry.train.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quarry eval}: scores a SQL generator on a query bank and writes {@code evals/<run-id>/}.
 * Exit codes: 0 ok; 1 stage failed; 2 usage (bad option, unknown model scheme, baseline not found); 3 invalid
 * input (a seed directory that does not verify); {@value RegressionGate#EXIT_REGRESSION} the regression gate
 * failed (strict EX fell by more than {@code --max-drop} points against {@code --baseline}).
 */
@Command(name = "eval", header = "Stage 4: score a model on a query bank (EX, test-suite accuracy, regression gate).", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Stage 4: scores a model on a query bank: execution accuracy (strict, lenient), test-suite accuracy,",
      "exact-set match, valid-SQL rate, error classes and latency, by category and difficulty. Writes",
      "<workspace>/evals/<run-id>/{results.jsonl,summary.json} and appends to <workspace>/evals/history.duckdb.",
      "Exit code 4 when --baseline is given and strict EX fell by more than --max-drop points."
    })
final class EvalCommand implements Callable<Integer> {

  @Mixin DataOptions data;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "SPEC",
      description = "djl:<model dir>, knn:<dataset dir> (nearest synthetic question), openai:<base url>, replay:<predictions.jsonl>, or gold "
          + "(default: djl:<workspace>/models/latest).")
  String model;

  @Option(names = "--model-name", paramLabel = "NAME", description = "Model name for openai: servers (default: none).")
  String modelName;

  @Option(names = "--api-key-env", paramLabel = "VAR", defaultValue = "OPENAI_API_KEY",
      description = "Environment variable holding the API key for openai: (default: ${DEFAULT-VALUE}; unset = no key).")
  String apiKeyEnv;

  @Option(names = "--request-timeout", paramLabel = "SECONDS",
      defaultValue = "" + EvalStage.Settings.DEFAULT_REQUEST_TIMEOUT_SECONDS,
      description = "Per-request timeout for openai: (default: ${DEFAULT-VALUE}).")
  int requestTimeout;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "" + EvalStage.Settings.DEFAULT_RETRIES,
      description = "Retries after a 5xx/429/timeout for openai: (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--bank", paramLabel = "FILE",
      description = "Query bank: .jsonl (Quarry), .json (Spider dev.json with tables.json beside it) or .csv "
          + "(defog sql-eval) (default: the domain file's \"bank\", else the committed data/eval/education_bank.jsonl).")
  Path bank;

  @Option(names = "--bank-db", paramLabel = "DB", description = "For Spider/defog banks: keep only this db_id/db_name (default: none: all).")
  String bankDb;

  @Option(names = "--database", paramLabel = "DIR",
      description = "Seed data to run on (<table>/*.parquet + manifest.json) (default: the workspace's seed data "
          + "for --domain/--seed/--scale, generated on the Direct runner if missing).")
  Path database;

  @Option(names = "--test-suite", paramLabel = "K", defaultValue = "" + EvalStage.Settings.DEFAULT_TEST_SUITE,
      description = "Test-suite databases: seeds <seed>+1..<seed>+K at scale 1, generated if missing (an imported "
          + "domain's snapshot fuzzed with those seeds); 0 = none (default: ${DEFAULT-VALUE}).")
  int testSuite;

  @Option(names = "--baseline", paramLabel = "last|RUN_ID",
      description = "Compare with this run from the history (last = latest run on the same bank) "
          + "(default: none: no comparison, no gate).")
  String baseline;

  @Option(names = "--max-drop", paramLabel = "POINTS", defaultValue = "" + EvalStage.Settings.DEFAULT_MAX_DROP,
      description = "Regression gate: exit 4 when strict EX falls by more than this many points (default: ${DEFAULT-VALUE}).")
  double maxDrop;

  @Option(names = "--query-timeout-ms", paramLabel = "MS", defaultValue = "" + SandboxSettings.DEFAULT_TIMEOUT_MS,
      description = "Per-query execution timeout (default: ${DEFAULT-VALUE}).")
  long queryTimeoutMs;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "" + SandboxSettings.DEFAULT_MAX_ROWS,
      description = "Row cap per query; more rows is a runtime_error (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Option(names = "--precision", paramLabel = "DECIMALS", defaultValue = "" + EvalStage.Settings.DEFAULT_PRECISION,
      description = "Numbers are rounded to this many decimals before comparison (default: ${DEFAULT-VALUE}).")
  int precision;

  @Override
  public Integer call() {
    UsageException.check(spec, this::check);
    Path models = data.workspace().root().resolve("models");
    String spec0 = model != null ? model : "djl:" + models.resolve(ModelRegistry.LATEST_LINK);
    List<Long> seeds = new ArrayList<>();
    for (int i = 1; i <= testSuite; i++) {
      seeds.add(data.seed + i);
    }
    String key = apiKeyEnv == null ? null : System.getenv(apiKeyEnv);
    EvalStage.Settings s = new EvalStage.Settings(spec0, modelName, key, Duration.ofSeconds(requestTimeout), retries,
        bank, bankDb, database, seeds, baseline, maxDrop, Duration.ofMillis(queryTimeoutMs), maxRows, precision,
        EvalStage.Settings.DEFAULT_REL_TOL);
    EvalOutcome out = EvalStage.run(data, RunnerOptions.defaults(), s, Commands.commandLine(spec));
    System.out.println("eval    " + out.headline());
    System.out.println("        run dir " + out.runDir().toAbsolutePath());
    if (out.baseline() != null) {
      var b = out.baseline();
      System.out.printf(java.util.Locale.ROOT,
          "        vs %s: %+.1f points, newly failing %s, newly passing %s, McNemar p=%.4f, gate %s%n",
          b.runId(), b.deltaPoints(), b.newlyFailing(), b.newlyPassing(), b.mcnemarP(), b.gate());
    }
    return out.exitCode();
  }

  /**
   * The command line's checks, before any work: value ranges, {@code --bank} (or the domain file's bank) and
   * {@code --database}, a writable
   * workspace, the form and scheme of {@code --model} and, without it, that the workspace's latest model is an
   * embedded one.
   *
   * @throws IllegalArgumentException naming the option
   */
  private void check() {
    if (testSuite < 0 || testSuite > 20) {
      throw new IllegalArgumentException("--test-suite must be 0..20, got " + testSuite);
    }
    if (queryTimeoutMs < 1) {
      throw new IllegalArgumentException("--query-timeout-ms must be at least 1, got " + queryTimeoutMs);
    }
    if (maxRows < 1) {
      throw new IllegalArgumentException("--max-rows must be at least 1, got " + maxRows);
    }
    if (requestTimeout < 1) {
      throw new IllegalArgumentException("--request-timeout must be at least 1 (seconds), got " + requestTimeout);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("--retries must be at least 0, got " + retries);
    }
    if (precision < 0 || precision > 15) {
      throw new IllegalArgumentException("--precision must be 0..15, got " + precision);
    }
    if (bank != null && !Files.isRegularFile(bank)) {
      throw new IllegalArgumentException("--bank: no such file: " + bank.toAbsolutePath());
    }
    dev.quarry.core.domain.Domain loaded = dev.quarry.core.domain.DomainLoader.load(data.domain);
    EvalStage.unreadableDeclaredBank(loaded, data.domain, bank).ifPresent(m -> {
      throw new IllegalArgumentException(m);
    });
    if (database != null && !Files.isDirectory(database)) {
      throw new IllegalArgumentException("--database: not a directory: " + database.toAbsolutePath());
    }
    data.requireWritableWorkspace();
    if (model != null) {
      GeneratorFactory.check(model);
    } else {
      // The default is the workspace's latest model: say now, before seed data is made, if there is none or
      // it is an external one (trained by --backend command) that only an openai: server can run.
      ModelFiles.requireEmbedded(ModelFiles.resolve(data.workspace().root().resolve("models"),
          ModelRegistry.LATEST_LINK));
    }
  }
}
