package dev.quarry.pipelines.schedule;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link ScheduledJob} at each fire time of a {@link CronSchedule}, in a long-lived process.
 *
 * <ul>
 *   <li><b>One process per workspace</b>: {@link #start()} takes {@link ScheduleLock}; a second scheduler
 *       gets {@link ScheduleLockedException}.
 *   <li><b>Missed runs</b>: {@code schedule-state.json} records the fire time of the last completed run. At
 *       start-up, if the latest fire time at or before now is later than both that and the first start
 *       ({@code watching_since}), the job runs <em>once</em> for it, however many fire times were missed. A
 *       failed or abandoned run does not advance the state, so it counts as missed at the next start.
 *   <li><b>No overlap</b>: one worker thread; after a run the next fire time is computed from the clock, so
 *       fire times that passed during a long run are skipped, not queued.
 *   <li><b>Logs</b>: each run writes {@code <workspace>/logs/nightly-<UTC yyyyMMdd'T'HHmmss'Z'>.log}, with
 *       System.out/System.err copied there during the run.
 *   <li><b>Shutdown</b> ({@link #stop}, called from a SIGTERM hook): no new run starts; a run in progress
 *       may finish within the grace period, else it is told to abandon ({@link RunContext#abandonRequested()},
 *       thread interrupted), its log says so and the state is not advanced.
 * </ul>
 */
public final class Scheduler {

  private static final DateTimeFormatter LOG_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path workspace;
  private final CronSchedule schedule;
  private final ScheduledJob job;
  private final Clock clock;
  private final PrintStream console;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean abandon = new AtomicBoolean();
  private volatile CompletableFuture<Boolean> inFlight = CompletableFuture.completedFuture(true);
  private volatile ScheduledFuture<?> nextRun;
  private volatile Thread runThread;
  private ScheduleLock lock;

  /**
   * @param workspace workspace root (lock, state and logs live there)
   * @param schedule when to run
   * @param job what to run
   * @param clock time source (tests pass a fixed clock)
   * @param console where the scheduler's own messages go
   */
  public Scheduler(Path workspace, CronSchedule schedule, ScheduledJob job, Clock clock, PrintStream console) {
    this.workspace = workspace;
    this.schedule = schedule;
    this.job = job;
    this.clock = clock;
    this.console = console;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "quarry-nightly");
      t.setDaemon(false);
      return t;
    });
  }

  /**
   * Takes the lock, records the first start, runs a missed run once (asynchronously) and schedules the next.
   *
   * @throws ScheduleLockedException if another scheduler holds the workspace
   */
  public synchronized void start() {
    lock = ScheduleLock.acquire(workspace);
    ScheduleState state = ScheduleState.read(workspace);
    if (state == null) {
      new ScheduleState(clock.instant(), null).write(workspace);
    }
    Optional<ZonedDateTime> missed = missedFire();
    if (missed.isPresent()) {
      console.println("quarry schedule: the run due at " + missed.get() + " was missed; running it now");
      executor.execute(() -> {
        runOnce(missed.get(), true);
        scheduleNext();
      });
    } else {
      scheduleNext();
    }
  }

  /**
   * The fire time to catch up at start-up: the latest fire time at or before now, if it is after both the
   * last completed fire time and {@code watching_since}; empty otherwise (or when there is no state yet).
   */
  public Optional<ZonedDateTime> missedFire() {
    ScheduleState state = ScheduleState.read(workspace);
    if (state == null) {
      return Optional.empty();
    }
    Instant reference = state.lastCompletedFire() == null || state.lastCompletedFire().isBefore(state.watchingSince())
        ? state.watchingSince() : state.lastCompletedFire();
    return schedule.lastAtOrBefore(ZonedDateTime.now(clock))
        .filter(last -> last.toInstant().isAfter(reference));
  }

  private void scheduleNext() {
    if (stopping.get()) {
      return;
    }
    ZonedDateTime now = ZonedDateTime.now(clock);
    Optional<ZonedDateTime> next = schedule.next(now);
    if (next.isEmpty()) {
      console.println("quarry schedule: " + schedule + " has no future fire time; idle");
      return;
    }
    long delayMs = Math.max(0, Duration.between(now, next.get()).toMillis());
    console.println("quarry schedule: next run at " + next.get());
    nextRun = executor.schedule(() -> {
      runOnce(next.get(), false);
      scheduleNext();
    }, delayMs, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs the job for {@code fireTime} on the calling thread, logging to its own file; on success (and not
   * abandoned) records {@code fireTime} as the last completed fire.
   *
   * @return true if the job completed successfully
   */
  public boolean runOnce(ZonedDateTime fireTime, boolean catchUp) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    inFlight = done;
    runThread = Thread.currentThread();
    boolean ok = false;
    Path logFile = newLogFile();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    try (PrintStream log = new PrintStream(new FileOutputStream(logFile.toFile()), true, StandardCharsets.UTF_8)) {
      log.println("quarry nightly run for " + fireTime + (catchUp ? " (catch-up of a missed run)" : "")
          + ", started " + clock.instant());
      System.setOut(new PrintStream(new Tee(oldOut, log), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new Tee(oldErr, log), true, StandardCharsets.UTF_8));
      try {
        job.run(new RunContext(fireTime, catchUp, logFile, log, abandon::get));
        ok = !abandon.get();
        log.println(ok ? "finished ok at " + clock.instant() : "abandoned at shutdown; state not advanced");
      } catch (Exception e) {
        log.println(abandon.get() ? "abandoned at shutdown; state not advanced: " + e : "FAILED: " + e);
        e.printStackTrace(log);
      } finally {
        System.setOut(oldOut);
        System.setErr(oldErr);
      }
      if (ok) {
        ScheduleState s = ScheduleState.read(workspace);
        Instant since = s == null ? clock.instant() : s.watchingSince();
        Instant last = s == null || s.lastCompletedFire() == null || s.lastCompletedFire().isBefore(fireTime.toInstant())
            ? fireTime.toInstant() : s.lastCompletedFire();
        new ScheduleState(since, last).write(workspace);
      }
      console.println("quarry schedule: run for " + fireTime + (ok ? " finished" : " did not complete") + "; log " + logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write run log " + logFile, e);
    } finally {
      runThread = null;
      Thread.interrupted();
      done.complete(ok);
    }
    return ok;
  }

  private synchronized Path newLogFile() {
    try {
      Path dir = workspace.resolve("logs");
      Files.createDirectories(dir);
      String stamp = LOG_STAMP.format(clock.instant());
      Path f = dir.resolve("nightly-" + stamp + ".log");
      for (int i = 2; Files.exists(f); i++) {
        f = dir.resolve("nightly-" + stamp + "-" + i + ".log");
      }
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + workspace.resolve("logs"), e);
    }
  }

  /**
   * Stops: no new run starts; a run in progress gets {@code grace} to finish, then is abandoned (abandon flag,
   * interrupt, up to {@code grace} more to return). Releases the lock. Safe to call twice.
   *
   * @return true if no run was abandoned
   */
  public boolean stop(Duration grace) {
    stopping.set(true);
    ScheduledFuture<?> n = nextRun;
    if (n != null) {
      n.cancel(false);
    }
    boolean clean = true;
    CompletableFuture<Boolean> f = inFlight;
    if (!f.isDone()) {
      console.println("quarry schedule: stopping; waiting up to " + grace + " for the current run");
      try {
        f.get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        clean = false;
        console.println("quarry schedule: grace period over; abandoning the current run");
        abandon.set(true);
        Thread t = runThread;
        if (t != null) {
          t.interrupt();
        }
        try {
          f.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | InterruptedException ignored) {
          // gave it its chance
        }
      } catch (ExecutionException | InterruptedException e) {
        clean = false;
      }
    }
    executor.shutdownNow();
    synchronized (this) {
      if (lock != null) {
        lock.close();
        lock = null;
      }
    }
    return clean;
  }

  /** Blocks until {@link #stop} has shut the worker down. */
  public void awaitTermination() throws InterruptedException {
    while (!executor.awaitTermination(1, TimeUnit.HOURS)) {
      // keep waiting
    }
  }

  /** Copies bytes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }
  }
}
