package dev.quarry.synth;

import dev.quarry.core.domain.Domain;
import dev.quarry.synth.generate.Candidate;
import dev.quarry.synth.generate.CandidateGenerator;
import dev.quarry.synth.generate.SynthConfig;
import dev.quarry.synth.generate.TemplateSpec;
import dev.quarry.synth.generate.ValueCatalog;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Generates candidate SQL with realized and rephrased questions: one element per template spec is
 * expanded by {@link CandidateGenerator#expand}, whose random choices derive from (seed, spec id) only, so
 * the candidates do not depend on which worker expands which spec.
 */
public final class GenerateCandidates extends PTransform<PBegin, PCollection<Candidate>> {

  /**
   * Buckets used to spread work over workers. A bounded number matters on the Direct runner, which makes
   * one bundle per key: per-element random keys would cost one bundle (milliseconds) per candidate. Enough
   * of them matters on Flink, which hash-partitions the bucket keys over its task slots: with 8 buckets on
   * 2 slots one slot got most of them and executed alone for most of a scale-100 run.
   */
  public static final int SPREAD_BUCKETS = 128;

  private final Domain domain;
  private final ValueCatalog catalog;
  private final SynthConfig config;

  /** Generation over {@code domain} with values from {@code catalog} and settings {@code config}. */
  public GenerateCandidates(Domain domain, ValueCatalog catalog, SynthConfig config) {
    this.domain = domain;
    this.catalog = catalog;
    this.config = config;
  }

  @Override
  public PCollection<Candidate> expand(PBegin begin) {
    List<TemplateSpec> specs = new CandidateGenerator(domain, catalog, config).templates();
    return begin
        .apply("CreateTemplateSpecs", Create.of(specs))
        .apply("SpreadSpecs", Reshuffle.<TemplateSpec>viaRandomKey().withNumBuckets(SPREAD_BUCKETS))
        .apply("ExpandTemplates", ParDo.of(new ExpandTemplateFn(domain, catalog, config)))
        .apply("SpreadCandidates", Reshuffle.<Candidate>viaRandomKey().withNumBuckets(SPREAD_BUCKETS));
  }

  /** Expands one template spec into its candidates. */
  static final class ExpandTemplateFn extends DoFn<TemplateSpec, Candidate> {
    private final Domain domain;
    private final ValueCatalog catalog;
    private final SynthConfig config;
    private final Counter candidates = Metrics.counter(GenerateCandidates.class, "candidates");
    private final Counter questions = Metrics.counter(GenerateCandidates.class, "questions");
    private transient CandidateGenerator generator;

    ExpandTemplateFn(Domain domain, ValueCatalog catalog, SynthConfig config) {
      this.domain = domain;
      this.catalog = catalog;
      this.config = config;
    }

    @Setup
    public void setup() {
      generator = new CandidateGenerator(domain, catalog, config);
    }

    @ProcessElement
    public void process(@Element TemplateSpec spec, OutputReceiver<Candidate> out) {
      for (Candidate c : generator.expand(spec)) {
        candidates.inc();
        questions.inc(c.questions().size());
        out.output(c);
      }
    }
  }
}
