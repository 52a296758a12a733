package dev.quarry.core.beam;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a running pipeline while logging its counters every few seconds, so that long work shows
 * progress; then returns the final counter values.
 */
public final class PipelineProgress {

  private static final Logger LOG = LoggerFactory.getLogger("quarry");

  private PipelineProgress() {}

  /**
   * Runs {@code pipeline} and waits for it, logging progress every {@code everySeconds}: the counters
   * while it runs on runners that return from {@code run()} at once (Direct with {@code blockOnRun=false}),
   * or the elapsed time on runners whose {@code run()} blocks until the job ends (Flink in attached mode,
   * whose counters arrive only at the end).
   *
   * @return the finished result (state DONE)
   * @throws IllegalStateException if the pipeline ends in a state other than DONE
   * @throws RuntimeException whatever the runner throws for a failed job (Beam's
   *     {@code Pipeline.PipelineExecutionException} with the worker's exception as cause)
   */
  public static PipelineResult run(Pipeline pipeline, String label, int everySeconds) {
    long start = System.nanoTime();
    ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "quarry-progress");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleAtFixedRate(
        () -> LOG.info("{}: running {}s", label, (System.nanoTime() - start) / 1_000_000_000L),
        everySeconds, everySeconds, TimeUnit.SECONDS);
    PipelineResult result;
    try {
      result = pipeline.run();
    } finally {
      heartbeat.shutdownNow();
    }
    await(result, label, everySeconds);
    return result;
  }

  /**
   * Waits until {@code result} finishes, logging {@code label} and the counters every {@code everySeconds}.
   *
   * @return final counter values by counter name (attempted values; summed over steps)
   * @throws IllegalStateException if the pipeline ends in a state other than DONE, or if the heap stays
   *     exhausted while it runs ({@link HeapWatch}; the pipeline is then cancelled)
   */
  public static Map<String, Long> await(PipelineResult result, String label, int everySeconds) {
    long start = System.nanoTime();
    HeapWatch heap = new HeapWatch();
    PipelineResult.State state;
    while (true) {
      state = result.waitUntilFinish(Duration.standardSeconds(everySeconds));
      if (state != null && state.isTerminal()) {
        break;
      }
      if (heap.exhausted()) {
        cancelQuietly(result);
        throw new IllegalStateException(label + ": the JVM heap is exhausted (" + heap.describe()
            + " still in use after garbage collection on " + HeapWatch.STRIKES + " checks " + everySeconds
            + " s apart); this runner holds too much in memory at this scale: use --runner flink, or a larger -Xmx"
            + " in QUARRY_JAVA_OPTS");
      }
      Map<String, Long> now = counters(result);
      LOG.info("{}: running {}s {}", label, (System.nanoTime() - start) / 1_000_000_000L, now.isEmpty() ? "" : now);
    }
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException(label + " pipeline ended in state " + state);
    }
    return counters(result);
  }

  private static void cancelQuietly(PipelineResult result) {
    try {
      result.cancel();
    } catch (IOException | RuntimeException e) {
      // the job is being abandoned; the caller's exception says why
    }
  }

  /** Current counter values by name, summed over steps (committed when supported, else attempted). */
  public static Map<String, Long> counters(PipelineResult result) {
    return counters(result, null);
  }

  /**
   * Like {@link #counters(PipelineResult)}, restricted to the counters of {@code namespace} (all when null).
   */
  public static Map<String, Long> counters(PipelineResult result, String namespace) {
    Map<String, Long> out = new TreeMap<>();
    try {
      MetricsFilter.Builder filter = MetricsFilter.builder();
      if (namespace != null) {
        filter.addNameFilter(MetricNameFilter.inNamespace(namespace));
      }
      MetricQueryResults q = result.metrics().queryMetrics(filter.build());
      for (MetricResult<Long> c : q.getCounters()) {
        Long v;
        try {
          v = c.getCommitted();
        } catch (UnsupportedOperationException e) {
          v = c.getAttempted();
        }
        out.merge(c.getName().getName(), v == null ? 0L : v, Long::sum);
      }
    } catch (UnsupportedOperationException | IllegalStateException e) {
      // metrics not available on this runner yet
    }
    return out;
  }
}
