package dev.quarry.eval.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.sql.SqlExecutor;
import dev.quarry.core.sql.SqlExecutors;
import dev.quarry.core.workspace.CodeVersion;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.core.workspace.StageRunner;
import dev.quarry.core.compare.ResultComparator;
import dev.quarry.eval.generate.GeneratorFactory;
import dev.quarry.eval.generate.Predictor;
import dev.quarry.eval.results.HistoryDb;
import dev.quarry.eval.results.Metrics;
import dev.quarry.eval.results.QuestionResult;
import dev.quarry.eval.results.ResultsJsonl;
import dev.quarry.eval.results.RunFiles;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * One {@code quarry eval} run: opens the predictor and the SQL executors ({@link SqlExecutors}: by default each
 * database in its own supervised worker process, so no statement can exceed its time or memory limit), scores
 * the bank ({@link EvalRunner}),
 * compares with the baseline ({@link RegressionGate}), writes {@code evals/<run-id>/} through
 * {@link StageRunner} ({@code results.jsonl}, {@code summary.json}, {@code manifest.json}) and appends to
 * {@link HistoryDb}. Run id: {@code <UTC yyyyMMdd'T'HHmmss'Z'>-<model id>} (model id reduced to
 * {@code [A-Za-z0-9._-]}).
 */
public final class EvalJob {

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private EvalJob() {}

  /**
   * Runs the evaluation.
   *
   * @param req the request
   * @param progress called with questions done (may be null)
   * @return the outcome (its {@link EvalOutcome#exitCode()} reflects the gate)
   * @throws IllegalArgumentException for a bad model spec, a baseline that is not in the history, or bad input
   * @throws dev.quarry.core.workspace.InvalidOutputException if a seed directory does not verify
   * @throws dev.quarry.core.workspace.StageFailedException if writing the run directory fails
   */
  public static EvalOutcome run(EvalRequest req, IntConsumer progress) {
    Path evals = RunFiles.evalsDir(req.workspace());
    HistoryDb history = HistoryDb.inWorkspace(req.workspace());
    Optional<HistoryDb.StoredRun> base = Optional.empty();
    if (req.baseline() != null) {
      base = history.find(req.baseline(), req.bank().sha256());
      if (base.isEmpty()) {
        throw new IllegalArgumentException("--baseline " + req.baseline() + ": no such run "
            + ("last".equals(req.baseline()) ? "on this bank " : "") + "in " + history.file());
      }
    }
    Manifests.verify(req.seedDir());
    for (Path d : req.testSuiteDirs()) {
      Manifests.verify(d);
    }
    Instant started = Instant.now();
    List<QuestionResult> results;
    String modelId;
    String cardSha;
    try (Predictor predictor = GeneratorFactory.open(req.modelSpec(), req.bank(), req.generatorContext())) {
      modelId = predictor.modelId();
      cardSha = predictor.sourceSha256();
      List<SqlExecutor> suite = new ArrayList<>();
      try (SqlExecutor main = SqlExecutors.open(req.domain(), req.seedDir(), req.sandbox())) {
        for (Path d : req.testSuiteDirs()) {
          suite.add(SqlExecutors.open(req.domain(), d, req.sandbox()));
        }
        results = new EvalRunner(main, suite, new ResultComparator(req.values())).run(req.bank(), predictor, progress);
      } finally {
        suite.forEach(SqlExecutor::close);
      }
    }
    Instant finished = Instant.now();
    String runId = ID_TIME.format(started) + "-" + safe(modelId);
    for (int k = 2; Files.exists(evals.resolve(runId)); k++) { // two runs in the same second
      runId = ID_TIME.format(started) + "-" + safe(modelId) + "-" + k;
    }
    Baseline baseline = base.map(b -> RegressionGate.compare(b.runId(), b.exStrict(), b.byId(), results, req.maxDrop()))
        .orElse(null);
    Metrics overall = Metrics.of(results);
    Map<String, Metrics> byCat = SummaryJson.byCategory(results);
    Map<String, Metrics> byDiff = SummaryJson.byDifficulty(results);

    Map<String, Object> options = new LinkedHashMap<>();
    options.put("model", req.modelSpec());
    options.put("bank", req.bank().source());
    options.put("bank_sha256", req.bank().sha256());
    options.put("test_suite_seeds", req.testSuiteSeeds());
    options.put("baseline", req.baseline());
    options.put("max_drop", req.maxDrop());
    options.put("run_id", runId);
    Map<String, Path> inputs = new LinkedHashMap<>();
    inputs.put("seed", req.seedDir());
    for (int i = 0; i < req.testSuiteDirs().size(); i++) {
      inputs.put("test_suite_" + req.testSuiteSeeds().get(i), req.testSuiteDirs().get(i));
    }
    Path runDir = evals.resolve(runId);
    String id = runId;
    ObjectNode summary = summary(req, runId, started, finished, modelId, cardSha, overall, byCat, byDiff, results,
        baseline);
    StageRunner.run(new StageRunner.StageRequest("eval", req.command(), options, null, inputs, true), runDir, tmp -> {
      ResultsJsonl.write(tmp.resolve(ResultsJsonl.FILE_NAME), results);
      Files.writeString(tmp.resolve(RunFiles.SUMMARY),
          Manifests.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
      ObjectNode counts = JsonNodeFactory.instance.objectNode();
      counts.put("questions", results.size());
      counts.put("ex_strict", overall.exStrict());
      return new StageRunner.StageOutput(counts, Map.of(ResultsJsonl.FILE_NAME, (long) results.size()));
    });
    history.append(new HistoryDb.RunRow(id, started, finished, req.modelSpec(), modelId, req.bank().sha256(),
        overall, runDir.toAbsolutePath().toString()), byCat, byDiff, results);
    return new EvalOutcome(id, runDir, overall, baseline, results);
  }

  private static ObjectNode summary(EvalRequest req, String runId, Instant started, Instant finished, String modelId,
      String cardSha, Metrics overall, Map<String, Metrics> byCat, Map<String, Metrics> byDiff,
      List<QuestionResult> results, Baseline baseline) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode s = f.objectNode();
    s.put("run_id", runId);
    s.put("started_at", started.toString());
    s.put("finished_at", finished.toString());
    s.put("host", host());
    s.put("code_version", CodeVersion.full());
    ObjectNode model = s.putObject("model");
    model.put("spec", req.modelSpec());
    model.put("id", modelId);
    model.put("card_sha256", cardSha);
    ObjectNode bank = s.putObject("bank");
    bank.put("path", req.bank().source());
    bank.put("sha256", req.bank().sha256());
    bank.put("questions", req.bank().questions().size());
    ObjectNode db = s.putObject("database");
    db.put("seed_dir", req.seedDir().toAbsolutePath().toString());
    db.put("seed_manifest_sha256", Manifests.manifestHash(req.seedDir()));
    var seeds = db.putArray("test_suite_seeds");
    req.testSuiteSeeds().forEach(seeds::add);
    db.put("dataset_manifest_sha256", req.datasetDir() != null && Files.exists(req.datasetDir().resolve("manifest.json"))
        ? Manifests.manifestHash(req.datasetDir()) : null);
    s.set("metrics", SummaryJson.metrics(overall));
    ObjectNode bc = s.putObject("by_category");
    byCat.forEach((k, v) -> bc.set(k, SummaryJson.metrics(v)));
    ObjectNode bd = s.putObject("by_difficulty");
    byDiff.forEach((k, v) -> bd.set(k, SummaryJson.metrics(v)));
    ObjectNode ec = s.putObject("error_classes");
    SummaryJson.errorClasses(results).forEach(ec::put);
    ObjectNode fc = s.putObject("failure_classes");
    SummaryJson.failureClasses(results).forEach(fc::put);
    s.set("latency_ms", SummaryJson.latency(results));
    s.set("baseline", SummaryJson.baseline(baseline));
    return s;
  }

  /** Reduces a model id to {@code [A-Za-z0-9._-]} (others become '-'), at most 64 characters. */
  static String safe(String modelId) {
    String s = modelId == null || modelId.isBlank() ? "model" : modelId.replaceAll("[^A-Za-z0-9._-]", "-");
    return s.length() > 64 ? s.substring(0, 64) : s;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
