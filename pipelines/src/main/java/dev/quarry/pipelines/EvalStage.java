package dev.quarry.pipelines;

import dev.quarry.core.compare.ValueNormalizer;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.model.GeneratorContext;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.eval.bank.Banks;
import dev.quarry.eval.bank.QueryBank;
import dev.quarry.eval.run.EvalJob;
import dev.quarry.eval.run.EvalOutcome;
import dev.quarry.eval.run.EvalRequest;
import dev.quarry.eval.results.EvalError;
import dev.quarry.eval.results.QuestionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The eval stage: resolves the bank, the main seed data (the workspace's, generated through
 * {@link Stages#seed} when missing, or {@code --database}) and the test-suite databases, reused when up to date:
 * for a built-in domain the seed stage for each test-suite seed at scale 1; for an imported domain (one with a
 * {@code source}) the main seed data fuzzed with each test-suite seed ({@link TestSuiteStage}). Then runs
 * {@link EvalJob}.
 */
final class EvalStage {

  private EvalStage() {}

  /** Settings of one eval run (the {@code quarry eval} options). */
  record Settings(String model, String modelName, String apiKey, Duration requestTimeout, int retries, Path bank,
      String bankDb, Path database, List<Long> testSuiteSeeds, String baseline, double maxDrop, Duration queryTimeout,
      int maxRows, int precision, double relTol) {

    // Defaults shared by `quarry eval`'s options and defaults() below.

    /** Default number of test-suite databases ({@code --test-suite}). */
    static final int DEFAULT_TEST_SUITE = 3;
    /** Default per-request timeout for openai: models, seconds ({@code --request-timeout}). */
    static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 60;
    /** Default retries for openai: models ({@code --retries}). */
    static final int DEFAULT_RETRIES = 2;
    /** Default regression allowance in EX points ({@code --max-drop}). */
    static final double DEFAULT_MAX_DROP = 2.0;
    /** Default decimals numbers are rounded to before comparison ({@code --precision}). */
    static final int DEFAULT_PRECISION = ValueNormalizer.DEFAULT_DECIMALS;
    /** Relative tolerance for floating-point comparison (no option). */
    static final double DEFAULT_REL_TOL = ValueNormalizer.DEFAULT_REL_TOL;

    /**
     * The settings {@code quarry run} and the nightly job use: the workspace's latest embedded model, the
     * committed bank, the workspace's seed, K = 3 test-suite databases (seeds seed+1..seed+3), gate against
     * {@code baseline} (null for none) with a 2-point allowance, 5 s per query, 10,000 rows, 6 decimals
     * (the {@code DEFAULT_*} constants, which are also {@code quarry eval}'s defaults).
     */
    static Settings defaults(DataOptions o, String baseline) {
      List<Long> seeds = new ArrayList<>();
      for (int i = 1; i <= DEFAULT_TEST_SUITE; i++) {
        seeds.add(o.seed + i);
      }
      return new Settings("djl:" + o.workspace().root().resolve("models").resolve("latest"), null, null,
          Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS), DEFAULT_RETRIES, null, null, null, List.copyOf(seeds),
          baseline, DEFAULT_MAX_DROP, Duration.ofMillis(SandboxSettings.DEFAULT_TIMEOUT_MS),
          SandboxSettings.DEFAULT_MAX_ROWS, DEFAULT_PRECISION, DEFAULT_REL_TOL);
    }
  }

  /**
   * Why the eval stage cannot run for lack of a query bank, or empty when it can: an imported domain (one with a
   * {@code source}) has no bank until someone writes one and names it, with {@code --bank} or in the domain file
   * ({@code "bank": {"path": …}}); the built-in education bank does not fit it.
   *
   * @param domain the loaded domain
   * @param domainArg the {@code --domain} value, for the message
   * @param bank the {@code --bank} file, or null
   * @return the message saying how to add a bank, when there is none
   */
  static java.util.Optional<String> missingBank(Domain domain, String domainArg, Path bank) {
    if (bank != null || domain.source() == null || domain.bank() != null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("domain '" + domain.name() + "' has no query bank yet. Write questions with their"
        + " gold SQL as a sql-eval CSV (question,query) or a Spider JSON file, then either declare it in the domain"
        + " file, \"bank\": {\"path\": \"FILE\", \"db\": \"NAME\"} (path relative to the file's folder, db optional),"
        + " or run: quarry eval --domain " + domainArg + " --bank FILE [--bank-db NAME]");
  }

  /**
   * The problem with the bank the domain file declares, when {@code --bank} does not override it: its file does not
   * exist or cannot be read. Checked before any work, so that {@code quarry run} does not train for nothing.
   *
   * @param domain the loaded domain
   * @param domainArg the {@code --domain} value, for the message
   * @param bank the {@code --bank} file, or null
   * @return the message naming the domain file and the bank, or empty
   */
  static java.util.Optional<String> unreadableDeclaredBank(Domain domain, String domainArg, Path bank) {
    if (bank != null) {
      return java.util.Optional.empty();
    }
    return dev.quarry.core.domain.init.DomainChecker.bankProblem(domain)
        .map(p -> domainArg + ": " + p.message() + "; fix the path, or pass --bank FILE");
  }

  /**
   * The bank the stage scores on: {@code --bank} when given (with {@code --bank-db}), else the domain file's
   * {@code bank} (its {@code db}, unless {@code --bank-db} is given), else the committed education bank.
   *
   * @throws IllegalArgumentException when the bank file is missing or cannot be parsed
   */
  static QueryBank bank(Domain domain, Settings s) {
    if (s.bank() != null) {
      return Banks.load(s.bank(), s.bankDb());
    }
    if (domain.bank() != null) {
      return Banks.load(Path.of(domain.bank().path()), s.bankDb() != null ? s.bankDb() : domain.bank().db());
    }
    return Banks.education();
  }

  /**
   * Runs the stage.
   *
   * @param o data options (workspace, domain, seed, scale)
   * @param r runner for seed data that has to be generated first (the main seed data or test-suite databases)
   * @param s eval settings
   * @param command the command line for manifests
   * @return the outcome (exit code included)
   * @throws IllegalArgumentException for a bank that cannot be read (the {@code --bank} or the domain file's), a
   *     model spec that does not open or a baseline that is not in the history
   */
  static EvalOutcome run(DataOptions o, RunnerOptions r, Settings s, String command) {
    Domain domain = DomainLoader.load(o.domain);
    java.util.Optional<String> noBank = missingBank(domain, o.domain, s.bank());
    if (noBank.isPresent()) {
      throw new IllegalArgumentException(noBank.get());
    }
    QueryBank bank = bank(domain, s);
    Path seedDir;
    if (s.database() != null) {
      seedDir = s.database(); // checked by the command line (EvalCommand)
    } else {
      seedDir = Stages.seed(o, r, command, false).dir();
    }
    List<Path> suiteDirs = new ArrayList<>();
    for (long seed : s.testSuiteSeeds()) {
      if (domain.source() != null) {
        suiteDirs.add(TestSuiteStage.run(o, domain, seedDir, seed, command, false).dir());
      } else {
        suiteDirs.add(Stages.seed(o.forTestSuiteSeed(seed), r, command, false).dir());
      }
    }
    Path root = o.workspace().root();
    SandboxSettings sandbox = SandboxSettings.defaults().withTimeout(s.queryTimeout()).withMaxRows(s.maxRows())
        .withWorkDir(root.resolve("cache").resolve("eval-sandbox"));
    GeneratorContext ctx = new GeneratorContext(domain, root, s.modelName(), s.apiKey(), s.requestTimeout(), s.retries());
    Path dataset = o.workspace().datasetDir(o.domain, o.seed, o.scale());
    EvalRequest req = new EvalRequest(root, command, s.model(), bank, domain, seedDir, s.testSuiteSeeds(), suiteDirs,
        Files.isDirectory(dataset) ? dataset : null, s.baseline(), s.maxDrop(), sandbox,
        new ValueNormalizer(s.precision(), s.relTol()), ctx);
    EvalOutcome out = EvalJob.run(req, null);
    warnAboutFailingGoldSql(out, bank, System.err);
    return out;
  }

  /**
   * Prints one warning per question whose gold SQL failed (it is reported with error class
   * {@link EvalError#GOLD_FAILED} and left out of the scores), naming the bank, the question and DuckDB's error.
   */
  static void warnAboutFailingGoldSql(EvalOutcome out, QueryBank bank, java.io.PrintStream err) {
    long n = 0;
    for (QuestionResult r : out.results()) {
      if (r.errorClass() == EvalError.GOLD_FAILED) {
        n++;
        err.println("quarry: warning: " + bank.source() + ", question " + r.id() + ": " + r.message());
      }
    }
    if (n > 0) {
      err.println("quarry: warning: " + n + " question(s) of " + bank.source()
          + " have gold SQL that fails; they are not scored (fix the bank)");
    }
  }
}
