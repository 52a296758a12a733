package dev.quarry.pipelines;

import dev.quarry.core.duckdb.LocalDuckDb;
import dev.quarry.core.beam.PipelineProgress;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlIdentifiers;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.core.workspace.StageRunner;
import dev.quarry.seed.SeedPipeline;
import dev.quarry.seed.SeedResult;
import dev.quarry.synth.ExecuteCandidates;
import dev.quarry.synth.SynthCoders;
import dev.quarry.synth.SynthOptions;
import dev.quarry.synth.SynthPipeline;
import dev.quarry.synth.generate.Candidate;
import dev.quarry.synth.generate.CandidateGenerator;
import dev.quarry.synth.generate.TemplateSpec;
import dev.quarry.synth.generate.ValueCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.transforms.Create;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quarry bench synth}: seed-generation rows/s, and the execution filter's throughput inside the
 * pipeline against a plain loop of the same SQL over one DuckDB JDBC connection on the same data.
 */
@Command(name = "synth", header = "Execution filter in the pipeline vs a plain JDBC loop; seed rows/s.", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Measures, in one run: (1) seed generation rows/s (a fresh seed pipeline into a temporary directory);",
      "(2) the execution filter inside the Beam pipeline (ExecuteCandidates: guard + locked-down DuckDB per",
      "worker) against (3) a plain loop of the same SQL over one DuckDB JDBC connection on the same data.",
      "Prints queries/s of both and their ratio."
    })
final class SynthBench implements Callable<Integer> {

  /** Queries run through both paths before timing, so that neither is measured cold. */
  static final int WARM_UP = 3000;

  @Mixin DataOptions data;
  @Mixin RunnerOptions runner;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
      description = "Use at most N candidate SQL; 0 = all the generator's defaults produce (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() throws Exception {
    Domain domain = DomainLoader.load(data.domain);
    Path tmpRoot = data.workspace().root().resolve("bench");
    StageRunner.ensureWritable(tmpRoot);
    Path seedTmp = Files.createTempDirectory(tmpRoot, "seed-");
    try {
      // (1) seed generation
      long t0 = System.nanoTime();
      SeedResult sr = SeedPipeline.run(Stages.seedOptions(data, runner, seedTmp));
      double seedS = (System.nanoTime() - t0) / 1e9;
      long rows = sr.rowCounts().values().stream().mapToLong(Long::longValue).sum();
      System.out.printf("seed generation: %,d rows in %.2f s = %,.0f rows/s (scale %d, parallelism %d, JVM warm-up included)%n",
          rows, seedS, rows / seedS, data.scale(), runner.effectiveParallelism());

      // candidate SQL, generated in the driver
      SynthOptions syo = Stages.synthOptions(data, runner, SynthSettings.defaults(), seedTmp, tmpRoot.resolve("unused"));
      ValueCatalog catalog = ValueCatalog.fromSeed(domain, seedTmp);
      CandidateGenerator gen = new CandidateGenerator(domain, catalog, SynthPipeline.config(syo));
      List<Candidate> candidates = new ArrayList<>();
      for (TemplateSpec spec : gen.templates()) {
        candidates.addAll(gen.expand(spec));
      }
      if (limit > 0 && candidates.size() > limit) {
        candidates = candidates.subList(0, limit);
      }
      System.out.printf("candidate SQL: %,d%n", candidates.size());

      // JIT warm-up of both paths (DuckDB JDBC; JSqlParser and the guard), so both are measured warm
      List<Candidate> warm = candidates.subList(0, Math.min(WARM_UP, candidates.size()));
      plainLoop(domain, seedTmp, warm);
      try (SqlSandbox box = SqlSandbox.open(domain, seedTmp, SynthPipeline.sandboxSettings(syo))) {
        warm.forEach(c -> box.execute(c.sql()));
      }
      System.out.printf("warm-up: %,d queries through each path (not timed)%n", warm.size());
      // (3) plain loop over one connection
      double loopS = plainLoop(domain, seedTmp, candidates);
      // (2) inside the pipeline
      double[] pipe = pipeline(domain, seedTmp, candidates, syo);
      double loopQps = candidates.size() / loopS;
      double windowQps = candidates.size() / pipe[1];
      double wholeQps = candidates.size() / pipe[0];
      System.out.printf("plain loop, 1 JDBC connection, no guard:        %,d queries in %6.2f s = %,6.0f queries/s%n",
          candidates.size(), loopS, loopQps);
      System.out.printf("pipeline ExecuteCandidates, first to last query: %,d queries in %6.2f s = %,6.0f queries/s"
          + " (parallelism %d)%n", candidates.size(), pipe[1], windowQps, runner.effectiveParallelism());
      System.out.printf("pipeline ExecuteCandidates, whole run:          %,d queries in %6.2f s = %,6.0f queries/s"
          + " (pipeline start and per-worker data loading included)%n", candidates.size(), pipe[0], wholeQps);
      System.out.printf("ratio pipeline / plain loop: %.2f (first to last query), %.2f (whole run)%n",
          windowQps / loopQps, wholeQps / loopQps);
      return QuarryCli.EXIT_OK;
    } finally {
      StageRunner.deleteRecursively(seedTmp);
    }
  }

  /** Seconds to run every SQL once on one connection, reading all rows; loading the tables not counted. */
  private static double plainLoop(Domain domain, Path seedDir, List<Candidate> candidates) throws SQLException {
    try (Connection c = LocalDuckDb.open();
        Statement st = c.createStatement()) {
      st.execute("SET threads=1");
      for (Domain.Table t : domain.tables()) {
        st.execute("CREATE TABLE " + SqlIdentifiers.quoteIdent(t.name()) + " AS SELECT * FROM read_parquet('"
            + seedDir.resolve(t.name()).toString().replace("'", "''") + "/*.parquet')");
      }
      long t0 = System.nanoTime();
      for (Candidate cand : candidates) {
        try (Statement q = c.createStatement()) {
          q.setQueryTimeout(5);
          try (ResultSet rs = q.executeQuery(cand.sql())) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              for (int i = 1; i <= cols; i++) {
                rs.getObject(i);
              }
            }
          }
        } catch (SQLException e) {
          // failing SQL costs time in both variants; keep going
        }
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  /**
   * Runs a pipeline that only executes the candidates: {@code Create} (which the Direct runner splits into
   * bundles for its workers) then {@link ExecuteCandidates}, the same transform synth uses.
   *
   * @return {whole run in s (pipeline start, per-worker sandbox setup, teardown included), execution window in
   *     s (first query start to last query end, from the {@link ExecuteCandidates#FINISHED_AT_MS} metric)}
   */
  private double[] pipeline(Domain domain, Path seedDir, List<Candidate> candidates, SynthOptions o) {
    Pipeline p = Pipeline.create(o);
    SynthCoders.register(p);
    SandboxSettings s = SynthPipeline.sandboxSettings(o);
    p.apply("CreateCandidates", Create.of(candidates))
        .apply("ExecuteCandidates", new ExecuteCandidates(domain, seedDir.toString(), s, false));
    long t0 = System.nanoTime();
    PipelineResult r = PipelineProgress.run(p, "bench synth", 10);
    double whole = (System.nanoTime() - t0) / 1e9;
    DistributionResult finished = null;
    DistributionResult micros = null;
    for (MetricResult<DistributionResult> d : r.metrics().queryMetrics(MetricsFilter.builder().build()).getDistributions()) {
      if (d.getName().getName().equals(ExecuteCandidates.FINISHED_AT_MS)) {
        finished = d.getAttempted();
      } else if (d.getName().getName().equals(ExecuteCandidates.QUERY_MICROS)) {
        micros = d.getAttempted();
      }
    }
    double firstQuery = micros == null ? 0 : micros.getMin() / 1e6;
    double window = finished == null ? whole : (finished.getMax() - finished.getMin()) / 1e3 + firstQuery;
    return new double[] {whole, window};
  }

}
