package dev.quarry.synth;

import dev.quarry.core.beam.PipelineProgress;
import dev.quarry.core.dataset.DatasetInfo;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.domain.SchemaPrompt;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.synth.generate.SelfTrainingFilter;
import dev.quarry.synth.generate.SynthConfig;
import dev.quarry.synth.generate.ValueCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2: seed Parquet → executed, validated, deduplicated NL→SQL pairs in shards.
 *
 * <pre>
 * GenerateCandidates (templates × real values → SQL + realized and rephrased questions)
 *   → ExecuteCandidates (SQL guard: JSqlParser + DuckDB gate; locked-down DuckDB; timeout; row cap)
 *   → ExplodePairs (one pair per question) → DedupePairs → SplitPairs → WriteDatasetShards
 * rejects of every step → WriteRejects (rejects/rejects.jsonl)
 * </pre>
 *
 * <p>Output directory layout: {@code jsonl/<split>/part-*.jsonl}, {@code parquet/<split>/part-*.parquet},
 * {@code rejects/rejects.jsonl}, {@code dataset_info.json}.
 */
public final class SynthPipeline {

  private static final Logger LOG = LoggerFactory.getLogger("quarry");

  private SynthPipeline() {}

  /**
   * Checks option values before anything is built: the directories here, every {@link SynthSetting} with
   * {@link SynthSetting#validate(SynthOptions)} (the same check, and message, as the command line's).
   *
   * @throws IllegalArgumentException naming a missing directory
   * @throws InvalidSynthSettingException naming the first bad setting
   */
  public static void validate(SynthOptions o) {
    if (o.getOutputDir() == null || o.getSeedDir() == null) {
      throw new IllegalArgumentException("synth needs --outputDir and --seedDir");
    }
    if (!Files.isDirectory(Path.of(o.getSeedDir()))) {
      throw new IllegalArgumentException("Seed directory does not exist: " + o.getSeedDir());
    }
    SynthSetting.validate(o);
  }

  /** Generation settings derived from the options. */
  public static SynthConfig config(SynthOptions o) {
    SynthConfig c = SynthConfig.defaults().withSeed(o.getSeed());
    if (o.getSamplesPerTemplate() > 0) {
      c = c.withSamplesPerTemplate(o.getSamplesPerTemplate());
    }
    if (o.getQuestionsPerSql() > 0) {
      c = c.withQuestions(o.getQuestionsPerSql(), Math.min(c.realizedPerSql(), o.getQuestionsPerSql()));
    }
    if (o.getRephraser().equals(SynthSetting.LLM)) {
      c = c.withLlm(LlmEndpoints.fromOptions(o));
    }
    if (o.getSelfTrainingModel() != null) {
      c = c.withLlmFilter(new SelfTrainingFilter(o.getSelfTrainingModel(), DomainLoader.load(o.getDomain()),
          o.getSeedDir(), sandboxSettings(o)));
    }
    return c;
  }

  /** Sandbox settings derived from the options. */
  public static SandboxSettings sandboxSettings(SynthOptions o) {
    return SandboxSettings.defaults()
        .withTimeout(java.time.Duration.ofSeconds(o.getQueryTimeoutSeconds()))
        .withMaxRows(o.getRowCap());
  }

  /**
   * Validates, builds, runs and waits for the pipeline, then writes dataset_info.json and computes the
   * manifest counts from the written files.
   *
   * @throws IllegalArgumentException on bad options
   * @throws IllegalStateException if the pipeline fails
   */
  public static SynthResult run(SynthOptions o) throws Exception {
    validate(o);
    Domain domain = DomainLoader.load(o.getDomain());
    Path seedDir = Path.of(o.getSeedDir());
    Path out = Path.of(o.getOutputDir());
    LOG.info("synth: reading real values from {}", seedDir);
    ValueCatalog catalog = ValueCatalog.fromSeed(domain, seedDir);
    Pipeline p = Pipeline.create(o);
    build(p, domain, catalog, o);
    LOG.info("synth: generating, validating and executing candidates");
    PipelineResult result = PipelineProgress.run(p, "synth", 10);
    Map<String, Long> counters = PipelineProgress.counters(result);
    DatasetInfo.write(out, domain.name());
    return new SynthResult(DatasetCounts.of(out, counters), DatasetCounts.rowsByFile(out));
  }

  /** Adds the synth transforms to {@code p}. */
  public static void build(Pipeline p, Domain domain, ValueCatalog catalog, SynthOptions o) {
    SynthCoders.register(p);
    PCollectionTuple executed = p
        .apply("GenerateCandidates", new GenerateCandidates(domain, catalog, config(o), o.getSpreadBuckets()))
        .apply("ExecuteCandidates", new ExecuteCandidates(domain, o.getSeedDir(), sandboxSettings(o), o.getKeepEmpty(),
            o.getFailAfterCandidates()));
    PCollectionTuple deduped = executed.get(ExecuteCandidates.EXECUTED)
        .apply("ExplodePairs", FlatMapElements.into(TypeDescriptor.of(SynthPair.class)).via(SynthPipeline::pairs))
        .apply("DedupePairs", new DedupePairs());
    deduped.get(DedupePairs.KEPT)
        .apply("SplitPairs", new SplitPairs(o.getSeed(), o.getTrainFraction(), o.getValidationFraction()))
        .apply("WriteShards", new WriteDatasetShards(o.getOutputDir(), SchemaPrompt.render(domain), o.getPairsPerShard()));
    PCollectionList.of(executed.get(ExecuteCandidates.REJECTED)).and(deduped.get(DedupePairs.REJECTED))
        .apply("FlattenRejects", Flatten.pCollections())
        .apply("WriteRejects", new WriteRejects(o.getOutputDir()));
  }

  /** One pair per question of an executed candidate. */
  static Iterable<SynthPair> pairs(ExecutedCandidate e) {
    java.util.List<SynthPair> out = new java.util.ArrayList<>();
    for (String q : e.candidate().questions()) {
      String nq = TextNormalizer.question(q);
      out.add(new SynthPair(StableHash.id(nq, e.normalizedSql()), q, nq, e.candidate().sql(), e.normalizedSql(),
          e.candidate().family().name().toLowerCase(Locale.ROOT), e.hardness(), e.candidate().templateId(),
          e.fingerprint(), e.rowCount(), null));
    }
    return out;
  }
}
