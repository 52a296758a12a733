package dev.quarry.synth;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SpiderHardness;
import dev.quarry.core.sql.SqlNormalizer;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.synth.generate.Candidate;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The execution filter: validates each candidate's SQL with the shared SQL guard and executes it on a
 * locked-down DuckDB holding the seed data. Each DoFn instance opens its own sandbox in {@code @Setup}
 * (one DuckDB connection, used by one thread), so workers execute in parallel.
 *
 * <p>Outputs {@link #EXECUTED} (SQL ran, result within the row cap and, unless empty results are kept,
 * non-empty) and {@link #REJECTED} (reason: the guard's reject class, {@code runtime_error},
 * {@code timeout}, {@code too_many_rows} or {@code empty_result}).
 */
public final class ExecuteCandidates extends PTransform<PCollection<Candidate>, PCollectionTuple> {

  /** Candidates that executed. */
  public static final TupleTag<ExecutedCandidate> EXECUTED = new TupleTag<>() {};
  /** Candidates dropped, with reason. */
  public static final TupleTag<Reject> REJECTED = new TupleTag<>() {};

  /** Distribution metric: guard + execution time per candidate, in microseconds. */
  public static final String QUERY_MICROS = "query_micros";

  /**
   * Distribution metric: wall-clock instants (epoch ms) at which candidates finished; its min and max
   * bound the execution window, which {@code quarry bench synth} uses for in-pipeline throughput.
   */
  public static final String FINISHED_AT_MS = "finished_at_ms";

  private final Domain domain;
  private final String seedDir;
  private final SandboxSettings settings;
  private final boolean keepEmpty;
  private final int failAfter;

  /**
   * @param domain the domain (tables and columns the guard allows)
   * @param seedDir seed data directory ({@code <dir>/<table>/*.parquet})
   * @param settings timeout, row cap and DuckDB settings of each sandbox
   * @param keepEmpty keep SQL with an empty result
   */
  public ExecuteCandidates(Domain domain, String seedDir, SandboxSettings settings, boolean keepEmpty) {
    this(domain, seedDir, settings, keepEmpty, 0);
  }

  /**
   * Like {@link #ExecuteCandidates(Domain, String, SandboxSettings, boolean)}, with fault injection for
   * failure tests: each worker (DoFn instance) throws {@link InjectedFailureException} once it has executed
   * {@code failAfter} candidates; 0 turns it off.
   */
  public ExecuteCandidates(Domain domain, String seedDir, SandboxSettings settings, boolean keepEmpty, int failAfter) {
    if (failAfter < 0) {
      throw new IllegalArgumentException("failAfter must be >= 0, got " + failAfter);
    }
    this.domain = domain;
    this.seedDir = seedDir;
    this.settings = settings;
    this.keepEmpty = keepEmpty;
    this.failAfter = failAfter;
  }

  /** The exception a worker throws when fault injection is on. */
  public static final class InjectedFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFailureException(int after) {
      super("injected failure in ExecuteCandidates after " + after + " candidates (fault injection for tests)");
    }
  }

  @Override
  public PCollectionTuple expand(PCollection<Candidate> candidates) {
    return candidates.apply("ValidateAndExecute",
        ParDo.of(new ExecuteCandidateFn(domain, seedDir, settings, keepEmpty, failAfter))
            .withOutputTags(EXECUTED, TupleTagList.of(REJECTED)));
  }

  /** Runs one candidate through the guard and the sandbox. */
  static final class ExecuteCandidateFn extends DoFn<Candidate, ExecutedCandidate> {
    private final Domain domain;
    private final String seedDir;
    private final SandboxSettings settings;
    private final boolean keepEmpty;
    private final int failAfter;
    private final Counter executed = Metrics.counter(ExecuteCandidates.class, "executed");
    private final Counter rejected = Metrics.counter(ExecuteCandidates.class, "rejected");
    private final Distribution queryMicros = Metrics.distribution(ExecuteCandidates.class, QUERY_MICROS);
    private final Distribution finishedAt = Metrics.distribution(ExecuteCandidates.class, FINISHED_AT_MS);
    private transient SqlSandbox sandbox;
    private transient int processed;

    ExecuteCandidateFn(Domain domain, String seedDir, SandboxSettings settings, boolean keepEmpty, int failAfter) {
      this.domain = domain;
      this.seedDir = seedDir;
      this.settings = settings;
      this.keepEmpty = keepEmpty;
      this.failAfter = failAfter;
    }

    @Setup
    public void setup() {
      sandbox = SqlSandbox.open(domain, Path.of(seedDir), settings);
    }

    @ProcessElement
    public void process(@Element Candidate c, MultiOutputReceiver out) {
      if (failAfter > 0 && processed++ >= failAfter) {
        throw new InjectedFailureException(failAfter);
      }
      QueryOutcome o = sandbox.execute(c.sql());
      queryMicros.update(o.elapsedMicros());
      finishedAt.update(System.currentTimeMillis());
      DropReason reason = switch (o.status()) {
        case OK -> (o.rowCount() == 0 && !keepEmpty) ? DropReason.Dropped.EMPTY_RESULT : null;
        case REJECTED -> new DropReason.Refused(o.rejectReason());
        case ERROR -> DropReason.Dropped.RUNTIME_ERROR;
        case TIMEOUT -> DropReason.Dropped.TIMEOUT;
        case TOO_MANY_ROWS -> DropReason.Dropped.TOO_MANY_ROWS;
      };
      if (reason != null) {
        rejected.inc();
        Metrics.counter(ExecuteCandidates.class, "rejected_" + reason.id()).inc();
        String step = o.status() == QueryOutcome.Status.REJECTED ? "ValidateSql" : "ExecuteCandidates";
        String msg = o.status() == QueryOutcome.Status.OK ? "result has no rows" : o.message();
        out.get(REJECTED).output(new Reject(step, reason, msg, c.templateId(), c.sql(), null));
        return;
      }
      executed.inc();
      out.get(EXECUTED).output(new ExecutedCandidate(c, SqlNormalizer.normalize(c.sql()),
          SpiderHardness.classify(c.sql()).name().toLowerCase(Locale.ROOT), o.fingerprint(), o.rowCount()));
    }

    @Teardown
    public void teardown() {
      if (sandbox != null) {
        sandbox.close();
        sandbox = null;
      }
    }
  }
}
