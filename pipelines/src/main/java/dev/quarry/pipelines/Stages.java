package dev.quarry.pipelines;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.parquet.ParquetRowCounts;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.core.workspace.Sha256;
import dev.quarry.core.workspace.StageRunner;
import dev.quarry.core.workspace.Workspace;
import dev.quarry.seed.SeedOptions;
import dev.quarry.seed.SeedPipeline;
import dev.quarry.seed.SeedResult;
import dev.quarry.synth.SynthOptions;
import dev.quarry.synth.SynthPipeline;
import dev.quarry.synth.SynthResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Composition of the stages: each runs through {@link StageRunner} into its workspace directory. */
final class Stages {

  private Stages() {}

  /**
   * Runs (or skips, unless {@code force}) the seed stage for the data options on runner {@code r}; returns its
   * result. An imported domain (one with a {@code source}) gets a snapshot of its source ({@link SnapshotStage});
   * a built-in one the data of its seed generator.
   */
  static StageRunner.StageResult seed(DataOptions o, RunnerOptions r, String command, boolean force) {
    r.validate();
    dev.quarry.core.domain.Domain domain = DomainLoader.load(o.domain); // fails fast on an unknown domain
    Workspace ws = o.workspace();
    StageRunner.ensureWritable(ws.root());
    if (domain.source() != null) {
      return SnapshotStage.run(o, domain, command, force);
    }
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("domain", o.domain);
    options.put("domain_sha256", Sha256.ofBytes(DomainLoader.rawBytes(o.domain)));
    options.put("seed", o.seed);
    options.put("scale", o.scale());
    Path out = ws.seedDir(o.domain, o.seed, o.scale());
    return StageRunner.run(
        new StageRunner.StageRequest("seed", command, options, o.seed, Map.of(), force), out, tmp -> {
          SeedResult sr = SeedPipeline.run(seedOptions(o, r, tmp));
          ObjectNode counts = JsonNodeFactory.instance.objectNode();
          ObjectNode rows = counts.putObject("rows");
          sr.rowCounts().forEach(rows::put);
          return new StageRunner.StageOutput(counts, ParquetRowCounts.byFile(tmp));
        });
  }

  /** Runs (or skips, unless {@code force}) the synth stage over the given seed output; returns its result. */
  static StageRunner.StageResult synth(DataOptions o, RunnerOptions r, SynthSettings s, Path seedDir, String command,
      boolean force) {
    r.validate();
    Workspace ws = o.workspace();
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("domain", o.domain);
    options.put("seed", o.seed);
    options.putAll(s.asMap());
    Path out = ws.datasetDir(o.domain, o.seed, o.scale());
    return StageRunner.run(
        new StageRunner.StageRequest("synth", command, options, o.seed, Map.of("seed", seedDir), force), out,
        tmp -> {
          SynthResult sr = SynthPipeline.run(synthOptions(o, r, s, seedDir, tmp));
          return new StageRunner.StageOutput(sr.counts(), sr.rowsByFile());
        });
  }

  /** Seed pipeline options for the data options' domain, seed and scale on runner {@code r}, writing into {@code outputDir}. */
  static SeedOptions seedOptions(DataOptions o, RunnerOptions r, Path outputDir) {
    SeedOptions po = runnerOptions(r, SeedOptions.class);
    po.setOutputDir(outputDir.toString());
    po.setSeed(o.seed);
    po.setScale(o.scale());
    po.setDomain(o.domain);
    return po;
  }

  /**
   * Synth pipeline options for the data options and settings over {@code seedDir} on runner {@code r}, writing
   * into {@code outputDir}.
   */
  static SynthOptions synthOptions(DataOptions o, RunnerOptions r, SynthSettings s, Path seedDir, Path outputDir) {
    SynthOptions po = runnerOptions(r, SynthOptions.class);
    po.setOutputDir(outputDir.toString());
    po.setSeedDir(seedDir.toString());
    po.setDomain(o.domain);
    po.setSeed(o.seed);
    s.applyTo(po);
    applyRunnerTuning(r, po);
    return po;
  }

  /**
   * Runs (or skips when up to date, unless {@code force}) the embedded trainer with default settings; progress
   * goes to {@code log}.
   */
  static dev.quarry.train.DjlTrainer.Result train(DataOptions o, boolean force, String command, java.io.PrintStream log) {
    return TrainCommand.trainStage(o, force, command, log);
  }

  /**
   * Pipeline options of type {@code type} for the chosen runner and parallelism.
   *
   * <p>Flink options are passed as Beam arguments ({@code --runner=FlinkRunner --flinkMaster=...
   * --parallelism=N}, see Beam's FlinkPipelineOptions), so no Quarry class compiles against the Flink
   * runner, which is a runtime dependency only.
   *
   * @throws IllegalStateException if the Flink runner is not on the class path
   */
  static <T extends PipelineOptions> T runnerOptions(RunnerOptions o, Class<T> type) {
    return switch (o.runner()) {
      case direct -> directOptions(o, type);
      case flink -> flinkOptions(o, type);
    };
  }

  private static <T extends PipelineOptions> T directOptions(RunnerOptions o, Class<T> type) {
    T po = PipelineOptionsFactory.as(type);
    po.setRunner(DirectRunner.class);
    DirectOptions d = po.as(DirectOptions.class);
    d.setTargetParallelism(o.effectiveParallelism());
    // The Direct runner's per-element immutability and encodability checks slow runs 2.5-3x; the
    // test suite keeps them on for every DoFn.
    d.setEnforceImmutability(false);
    d.setEnforceEncodability(false);
    d.setBlockOnRun(false); // so that long stages can log progress while they run
    return po;
  }

  /**
   * Synth settings that depend on the runner but never change outputs: on Flink, enough spread buckets
   * (16 per task slot, at least 128) for its hash partitioning to balance the task slots.
   */
  private static void applyRunnerTuning(RunnerOptions o, SynthOptions po) {
    if (o.runner() == RunnerOptions.RunnerKind.flink) {
      po.setSpreadBuckets(Math.max(128, 16 * o.effectiveParallelism()));
    }
  }

  private static <T extends PipelineOptions> T flinkOptions(RunnerOptions o, Class<T> type) {
    try {
      Class.forName(FLINK_RUNNER, false, Stages.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("--runner flink needs the Beam Flink runner (" + FLINK_RUNNER
          + ") on the class path; use the quarry.jar built by 'mvn package'", e);
    }
    String master = o.flinkMaster();
    if (!master.startsWith("[")) {
      checkReachable(master);
    }
    return PipelineOptionsFactory.fromArgs(
            "--runner=FlinkRunner",
            "--flinkMaster=" + master,
            "--parallelism=" + o.effectiveParallelism(),
            // Elements are handed between chained operators without a coder round trip; safe because no
            // Quarry DoFn mutates its input (the Direct runner enforces that in every test).
            "--fasterCopy=true")
        .as(type);
  }

  /**
   * Fails fast, naming the address, when nothing listens at a remote {@code --flink-master}; Flink's own
   * client would retry for about a minute and then report only "Connection refused".
   *
   * @throws IllegalStateException if no TCP connection to {@code hostPort} opens within 5 s
   */
  static void checkReachable(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon);
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 5_000);
    } catch (IOException e) {
      // No cause attached: the stage failure shows its root cause's message, and this one names the address.
      throw new IllegalStateException("Cannot reach the Flink JobManager at " + hostPort + " (--flink-master): "
          + e.getMessage() + "; start the cluster or pass its REST address (rest.port, default 8081)");
    }
  }

  private static final String FLINK_RUNNER = "org.apache.beam.runners.flink.FlinkRunner";

  /** Short description of a stage result for the console. */
  static String describe(StageRunner.StageResult r) {
    return (r.skipped() ? "up to date  " : "written     ") + r.dir()
        + "  (" + r.manifest().files().size() + " files, manifest " + Manifests.manifestHash(r.dir()).substring(0, 12) + ")";
  }
}
