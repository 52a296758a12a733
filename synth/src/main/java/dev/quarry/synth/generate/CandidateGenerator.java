package dev.quarry.synth.generate;

import dev.quarry.core.domain.Domain;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Generates SQL candidates with natural-language questions from a domain description and the real
 * values of its data.
 *
 * <p>Work is split into {@link TemplateSpec}s (template × table or joined pair), which a Beam pipeline
 * can distribute; {@link #expand(TemplateSpec)} is deterministic: its random numbers derive from
 * {@code hash(seed, spec id)} and, for the questions of one SQL, from {@code hash(seed, template id + sql)},
 * never from call order. Templates use column roles and joins, not table names, so another domain needs
 * no code change. Serializable (captured by DoFns); no network unless {@link SynthConfig#llm()} is set.
 */
public final class CandidateGenerator implements Serializable, AutoCloseable {
  private static final long serialVersionUID = 1L;

  private final GenContext ctx;
  private final List<Template> templates;
  private final QuestionRealizer realizer = new QuestionRealizer();
  private final RuleBasedRephraser rephraser;
  private final LlmRephraser llm;

  /**
   * @param domain the domain description
   * @param catalog real values of the seed data
   * @param config seed and counts
   */
  public CandidateGenerator(Domain domain, ValueCatalog catalog, SynthConfig config) {
    this.ctx = new GenContext(domain, catalog, config);
    List<Template> all = new ArrayList<>();
    all.addAll(CountTemplates.all());
    all.addAll(AggregateTemplates.all());
    all.addAll(RatioTemplates.all());
    all.addAll(YearTemplates.all());
    all.addAll(JoinTemplates.all());
    all.addAll(NestedTemplates.all());
    all.addAll(DateTemplates.all());
    this.templates = List.copyOf(all);
    this.rephraser = new RuleBasedRephraser(config.seed(), domain.abbreviations());
    this.llm = config.llm() == null ? null
        : new LlmRephraser(config.llm(), (Function<String, String> & Serializable) System::getenv, config.llmFilter());
  }

  /** Whether this generator will call an LLM endpoint (only when one is configured). */
  public boolean usesLlm() {
    return llm != null;
  }

  /** All work units, in a fixed order: templates in registry order, then targets in domain order. */
  public List<TemplateSpec> templates() {
    List<TemplateSpec> out = new ArrayList<>();
    for (Template t : templates) {
      int samples = Math.max(1, (int) Math.round(ctx.config.samplesPerTemplate() * t.weight()));
      for (List<String> tables : t.targets(ctx)) {
        out.add(new TemplateSpec(t.id() + "@" + String.join("+", tables), t.id(), t.family(), tables, samples));
      }
    }
    return out;
  }

  /**
   * Draws up to {@code spec.samples()} candidates with distinct SQL (at most {@code 10 × samples}
   * draws), each with 1..{@code questionsPerSql} distinct questions.
   *
   * @throws IllegalArgumentException if the spec names an unknown template
   */
  public List<Candidate> expand(TemplateSpec spec) {
    Template t = template(spec.templateId());
    long seed = ctx.config.seed();
    SplittableRandom rng = Seeds.rng(seed, spec.id());
    Set<String> seen = new HashSet<>();
    List<Candidate> out = new ArrayList<>();
    for (int attempt = 0; attempt < 10 * spec.samples() && out.size() < spec.samples(); attempt++) {
      Draft d = t.draw(ctx, spec.tables(), rng);
      if (d == null || !seen.add(d.sql())) {
        continue;
      }
      List<String> questions = questions(d);
      if (!questions.isEmpty()) {
        out.add(new Candidate(Seeds.hexId(d.templateId(), d.sql()), d.family(), d.templateId(), d.sql(), questions,
            dedupLiterals(d.literals())));
      }
    }
    return out;
  }

  /** Every spec expanded, in spec order; a SQL already produced by an earlier spec is skipped. */
  public List<Candidate> generateAll() {
    Set<String> seen = new HashSet<>();
    List<Candidate> out = new ArrayList<>();
    for (TemplateSpec s : templates()) {
      for (Candidate c : expand(s)) {
        if (seen.add(c.sql())) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private List<String> questions(Draft d) {
    SynthConfig cfg = ctx.config;
    SplittableRandom qrng = Seeds.rng(cfg.seed(), d.templateId() + "\n" + d.sql());
    Map<String, String> qs = new LinkedHashMap<>();
    for (String q : realizer.realize(d, qrng, cfg.realizedPerSql())) {
      qs.putIfAbsent(QuestionRealizer.normalize(q), q);
    }
    List<String> base = new ArrayList<>(qs.values());
    if (llm != null && !base.isEmpty()) {
      for (String q : llm.rephrase(base.get(0), d.sql(), d.literals(), cfg.questionsPerSql() - qs.size())) {
        qs.putIfAbsent(QuestionRealizer.normalize(q), q);
      }
    }
    for (int i = 0; qs.size() < cfg.questionsPerSql() && i < base.size(); i++) {
      int want = (cfg.questionsPerSql() - qs.size() + base.size() - 1 - i) / (base.size() - i);
      for (String q : rephraser.rephrase(base.get(i), d.literals(), Math.max(1, want))) {
        if (qs.size() < cfg.questionsPerSql()) {
          qs.putIfAbsent(QuestionRealizer.normalize(q), q);
        }
      }
    }
    return new ArrayList<>(qs.values());
  }

  private static List<LiteralPhrases> dedupLiterals(List<LiteralPhrases> in) {
    return List.copyOf(new java.util.LinkedHashSet<>(in));
  }

  private Template template(String id) {
    for (Template t : templates) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown template '" + id + "'");
  }

  /** Closes the LLM rephrasings' filter (its model and sandbox), if one was configured and opened. */
  @Override
  public void close() {
    if (ctx.config.llmFilter() != null) {
      ctx.config.llmFilter().close();
    }
  }
}
