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
   * Default number of buckets used to spread work over workers. A bounded number matters on the Direct
   * runner, which makes one bundle per key: per-element random keys would cost one bundle (milliseconds)
   * per candidate, and 128 buckets made a scale-1 synth run 2x slower than 8 there. Flink hash-partitions
   * the bucket keys over its task slots and needs more of them to balance (see {@code SynthOptions#getSpreadBuckets}).
   */
  public static final int SPREAD_BUCKETS = 8;

  private final Domain domain;
  private final ValueCatalog catalog;
  private final SynthConfig config;
  private final int spreadBuckets;

  /**
   * Generation over {@code domain} with values from {@code catalog} and settings {@code config}, with
   * {@code spreadBuckets} random keys for spreading specs and candidates over workers (≥ 1, e.g.
   * {@link #SPREAD_BUCKETS}; does not change any output).
   *
   * @throws IllegalArgumentException if {@code spreadBuckets < 1}
   */
  public GenerateCandidates(Domain domain, ValueCatalog catalog, SynthConfig config, int spreadBuckets) {
    if (spreadBuckets < 1) {
      throw new IllegalArgumentException("spreadBuckets must be >= 1, got " + spreadBuckets);
    }
    this.domain = domain;
    this.catalog = catalog;
    this.config = config;
    this.spreadBuckets = spreadBuckets;
  }

  @Override
  public PCollection<Candidate> expand(PBegin begin) {
    List<TemplateSpec> specs = new CandidateGenerator(domain, catalog, config).templates();
    return begin
        .apply("CreateTemplateSpecs", Create.of(specs))
        .apply("SpreadSpecs", Reshuffle.<TemplateSpec>viaRandomKey().withNumBuckets(spreadBuckets))
        .apply("ExpandTemplates", ParDo.of(new ExpandTemplateFn(domain, catalog, config)))
        .apply("SpreadCandidates", Reshuffle.<Candidate>viaRandomKey().withNumBuckets(spreadBuckets));
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

    @Teardown
    public void teardown() {
      if (generator != null) {
        generator.close();
      }
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
