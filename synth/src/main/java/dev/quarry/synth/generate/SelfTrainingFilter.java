package dev.quarry.synth.generate;

import dev.quarry.core.compare.ResultComparator;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.model.GeneratorContext;
import dev.quarry.core.model.SqlGenerator;
import dev.quarry.core.model.SqlGeneratorProviders;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlExecutor;
import dev.quarry.core.sql.SqlExecutors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The self-training filter for LLM rephrasings, after AutoQA (Xu et al., EMNLP 2020), which keeps an
 * automatic paraphrase only when the current parser maps it back to the same query: the current model turns the rephrasing
 * into SQL, the SQL runs on the seed data, and the rephrasing is kept only when its result equals the gold
 * SQL's result under the strict comparison of evaluation ({@link ResultComparator#defaults()}). A rephrasing
 * the model cannot answer, answers with SQL that fails, or answers with another result is dropped.
 *
 * <p>The model ({@code --self-training-model}, any {@code <scheme>:<location>} a registered
 * {@code SqlGeneratorProvider} serves, e.g. {@code djl:workspace/models/djl-education-s42-x1}) and the
 * sandbox over the seed data are opened on first use and closed by {@link #close()}. The gold outcomes of the
 * last 256 SQL are kept, since one SQL has several rephrasings.
 */
public final class SelfTrainingFilter implements RephrasingFilter {
  private static final long serialVersionUID = 1L;
  private static final int GOLD_CACHE = 256;
  private static final ResultComparator COMPARATOR = ResultComparator.defaults();

  private final String modelSpec;
  private final Domain domain;
  private final String seedDir;
  private final SandboxSettings sandbox;
  private transient SqlGenerator model;
  private transient SqlExecutor executor;
  private transient Map<String, QueryOutcome> goldOutcomes;
  private final AtomicLong kept = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  /**
   * A filter that opens {@code modelSpec} and a sandbox over {@code seedDir} on first use.
   *
   * @param modelSpec {@code <scheme>:<location>} of the current model
   * @param domain the domain
   * @param seedDir {@code <workspace>/seed/<name>}: {@code <table>/*.parquet} per domain table; its
   *     grandparent is the workspace given to the model provider
   * @param sandbox limits for running the model's SQL
   */
  public SelfTrainingFilter(String modelSpec, Domain domain, String seedDir, SandboxSettings sandbox) {
    this.modelSpec = modelSpec;
    this.domain = domain;
    this.seedDir = seedDir;
    this.sandbox = sandbox;
  }

  /** The model spec it checks rephrasings with. */
  public String modelSpec() {
    return modelSpec;
  }

  /** Rephrasings kept so far by this instance. */
  public long kept() {
    return kept.get();
  }

  /** Rephrasings dropped so far by this instance. */
  public long dropped() {
    return dropped.get();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException on first use, if the model spec cannot be opened (unknown scheme,
   *     missing or damaged model files: the provider's message)
   */
  @Override
  public boolean keeps(String rephrasing, String goldSql) {
    open();
    QueryOutcome gold = goldOutcomes.computeIfAbsent(goldSql, executor::execute);
    String predicted = model.generate(rephrasing).bestSql();
    boolean same = gold.isOk() && !predicted.isBlank()
        && COMPARATOR.compare(gold, executor.execute(predicted)).strict();
    (same ? kept : dropped).incrementAndGet();
    return same;
  }

  private void open() {
    if (model != null) {
      return;
    }
    Path seed = Path.of(seedDir).toAbsolutePath();
    Path workspace = seed.getParent() == null || seed.getParent().getParent() == null ? seed : seed.getParent().getParent();
    executor = SqlExecutors.open(domain, seed, sandbox);
    try {
      model = SqlGeneratorProviders.open(modelSpec,
          new GeneratorContext(domain, workspace, null, null, Duration.ofSeconds(60), 0));
    } catch (RuntimeException e) {
      executor.close();
      executor = null;
      throw e;
    }
    goldOutcomes = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, QueryOutcome> eldest) {
        return size() > GOLD_CACHE;
      }
    };
  }

  @Override
  public void close() {
    if (model != null) {
      model.close();
      model = null;
    }
    if (executor != null) {
      executor.close();
      executor = null;
    }
  }
}
