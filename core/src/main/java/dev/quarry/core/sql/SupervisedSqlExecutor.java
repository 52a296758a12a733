package dev.quarry.core.sql;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.text.SafeText;
import dev.quarry.core.workspace.ScratchDirs;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs untrusted SQL in a supervised child JVM ({@link SqlWorker}) so that time and memory limits hold for any
 * statement DuckDB accepts, including those DuckDB cannot cancel (long scalar functions such as
 * {@code lpad('x', 1000000000, 'y')} or {@code len(list_resize([1], 100000000))}).
 *
 * <p>The worker is started with this JVM's {@code java} binary and class path, {@code -Xmx} of
 * {@link WorkerLimits#heapMegabytes()}, {@code java.io.tmpdir} and {@code user.home} inside its scratch folder,
 * and holds one {@link SqlSandbox} on a read-only database file that the first worker writes and later ones
 * reopen. Statements go one at a time over stdin/stdout ({@link WorkerProtocol}). While a statement runs the
 * parent checks, every {@link WorkerLimits#pollInterval()}, the wall clock against
 * {@code timeout + grace} and the worker's resident memory ({@code /proc/<pid>/status}) against
 * {@link WorkerLimits#rssCapBytes()}; on an overrun it kills the worker (SIGKILL), answers that statement
 * with a TIMEOUT ({@link ErrorClass#INTERRUPTED}) or an ERROR ({@link ErrorClass#OUT_OF_MEMORY}) outcome, and
 * starts a fresh worker for the next statement. A worker that dies on its own gives
 * {@link ErrorClass#WORKER_FAILED} (or OUT_OF_MEMORY when its heap ran out). The sandbox inside still cancels
 * a statement at the timeout, so the usual slow query costs no restart.
 *
 * <p>Scratch folder: {@code <workDir or java.io.tmpdir>/quarry-sql-worker-<pid>-<start>-<random>/} (database
 * file, the worker's temporary folder with DuckDB's native library copy, spill and extension folders,
 * {@code worker.log} with the worker's stderr); deleted on close, and removed by the next executor that opens
 * when its owner was killed ({@link ScratchDirs}).
 *
 * <p>Thread-safe: statements are serialized.
 */
public final class SupervisedSqlExecutor implements SqlExecutor {

  /** Name prefix of the scratch folders. */
  public static final String SCRATCH_PREFIX = "quarry-sql-worker";

  /** Longest SQL text sent to a worker, characters; longer text is refused here like the validator would. */
  static final int MAX_SEND_CHARS = 4 << 20;

  /**
   * Failed starts in a row after which no further start is tried: every later statement gets WORKER_FAILED at
   * once instead of waiting up to {@link WorkerLimits#startTimeout()} each.
   */
  static final int MAX_FAILED_STARTS = 3;

  private final Domain domain;
  private final Path seedDir;
  private final SandboxSettings settings;
  private final WorkerLimits limits;
  private final Path dir;
  private final Path log;
  private final ExecutorService reader;
  private Worker worker;
  private int starts;
  private int failedStarts;
  private String lastStartFailure;
  private boolean closed;

  private SupervisedSqlExecutor(Domain domain, Path seedDir, SandboxSettings settings, WorkerLimits limits, Path dir) {
    this.domain = domain;
    this.seedDir = seedDir.toAbsolutePath();
    this.settings = settings;
    this.limits = limits;
    this.dir = dir;
    this.log = dir.resolve("worker.log");
    this.reader = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "quarry-sql-worker-reader");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts a worker over {@code seedDir} and waits until its sandbox is open.
   *
   * @param domain the domain
   * @param seedDir directory holding {@code <table>/*.parquet} for every domain table
   * @param settings sandbox settings (timeout, row cap, threads, DuckDB memory limit, work directory)
   * @param limits the hard limits
   * @return an open executor; close it when done
   * @throws IllegalArgumentException if a table directory is missing
   * @throws IllegalStateException if the worker cannot start or open the database (the message says why)
   */
  public static SupervisedSqlExecutor open(Domain domain, Path seedDir, SandboxSettings settings, WorkerLimits limits) {
    SqlSandbox.requireSeedTables(domain, seedDir);
    Path base = settings.workDir() != null ? settings.workDir() : Path.of(System.getProperty("java.io.tmpdir"));
    Path dir = ScratchDirs.create(base.toAbsolutePath(), SCRATCH_PREFIX);
    SupervisedSqlExecutor e = new SupervisedSqlExecutor(domain, seedDir, settings, limits, dir);
    try {
      e.start();
      return e;
    } catch (RuntimeException ex) {
      e.close();
      throw ex;
    }
  }

  /** How many worker processes were started so far (1 + restarts). */
  public synchronized int workerStarts() {
    return starts;
  }

  /** The running worker's process id, or -1 when none runs (for tests and measurements). */
  public synchronized long workerPid() {
    return worker == null ? -1 : worker.process.pid();
  }

  /** The limits enforced. */
  public WorkerLimits limits() {
    return limits;
  }

  @Override
  public synchronized QueryOutcome execute(String sql) {
    ensureOpen();
    long t0 = System.nanoTime();
    String text = SafeText.wellFormed(sql == null ? "" : sql);
    if (text.length() > MAX_SEND_CHARS) {
      return QueryOutcome.rejected(Verdict.reject(RejectReason.TOO_LONG,
          "SQL has " + text.length() + " characters; at most " + SqlValidator.MAX_LENGTH), micros(t0));
    }
    String startFailure = ensureWorker();
    if (startFailure != null) {
      return QueryOutcome.internalError(ErrorClass.WORKER_FAILED, "SQL worker could not be started: " + startFailure);
    }
    Worker w = worker;
    long sent = System.nanoTime();
    try {
      WorkerProtocol.writeText(w.out, WorkerProtocol.EXECUTE, text);
    } catch (IOException e) {
      return died(w, t0, e);
    }
    long deadline = sent + settings.timeout().toNanos() + limits.grace().toNanos();
    Awaited a = await(w, deadline);
    switch (a.end) {
      case FRAME:
        if (a.frame.kind() == WorkerProtocol.OUTCOME) {
          try {
            return (QueryOutcome) WorkerProtocol.deserialize(a.frame.payload(), WorkerProtocol.RESULT_FILTER);
          } catch (IOException | ClassCastException e) {
            kill(w);
            return QueryOutcome.failed(QueryOutcome.Status.ERROR, ErrorClass.WORKER_FAILED,
                "SQL worker sent an unreadable result (" + e.getMessage() + "); it was restarted", false, micros(t0));
          }
        }
        kill(w);
        return QueryOutcome.failed(QueryOutcome.Status.ERROR, ErrorClass.WORKER_FAILED,
            "SQL worker answered with frame kind " + a.frame.kind() + ": " + SafeText.bounded(a.frame.text(), 500, 500)
                + "; it was restarted", false, micros(t0));
      case TIME:
        return QueryOutcome.failed(QueryOutcome.Status.TIMEOUT, ErrorClass.INTERRUPTED,
            "Stopped after " + (System.nanoTime() - t0) / 1_000_000 + " ms: the statement did not stop when cancelled at "
                + settings.timeout().toMillis() + " ms, so its worker process was killed (and is restarted)", false,
            micros(t0));
      case MEMORY:
        return QueryOutcome.failed(QueryOutcome.Status.ERROR, ErrorClass.OUT_OF_MEMORY,
            "Out of memory: the worker process grew to " + (a.rss >> 20) + " MiB resident, over its cap of "
                + (limits.rssCapBytes() >> 20) + " MiB, so it was killed (and is restarted)", false, micros(t0));
      default:
        return died(w, t0, a.error);
    }
  }

  @Override
  public synchronized Map<String, Long> tableRowCounts() {
    ensureOpen();
    String startFailure = ensureWorker();
    if (startFailure != null) {
      throw new IllegalStateException("SQL worker could not be started: " + startFailure);
    }
    Worker w = worker;
    try {
      WorkerProtocol.write(w.out, WorkerProtocol.COUNTS, new byte[0]);
    } catch (IOException e) {
      kill(w);
      throw new IllegalStateException("SQL worker failed: " + e.getMessage(), e);
    }
    Awaited a = await(w, System.nanoTime() + limits.startTimeout().toNanos());
    if (a.end == End.FRAME && a.frame.kind() == WorkerProtocol.ROW_COUNTS) {
      try {
        @SuppressWarnings("unchecked")
        Map<String, Long> m = (Map<String, Long>) WorkerProtocol.deserialize(a.frame.payload(), WorkerProtocol.RESULT_FILTER);
        return new LinkedHashMap<>(m);
      } catch (IOException | ClassCastException e) {
        kill(w);
        throw new IllegalStateException("SQL worker sent unreadable row counts: " + e.getMessage(), e);
      }
    }
    if (a.end == End.FRAME) {
      throw new IllegalStateException("Cannot count rows: " + a.frame.text());
    }
    kill(w);
    throw new IllegalStateException("SQL worker failed while counting rows (" + a.end + ")");
  }

  /** Asks the worker to exit (kills it after 5 s), and deletes the scratch folder. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (worker != null) {
      Worker w = worker;
      try {
        WorkerProtocol.write(w.out, WorkerProtocol.QUIT, new byte[0]);
        w.out.close();
        if (!w.process.waitFor(5, TimeUnit.SECONDS)) {
          kill(w);
        }
      } catch (IOException e) {
        kill(w);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill(w);
      }
      worker = null;
    }
    reader.shutdownNow();
    ScratchDirs.deleteRecursively(dir);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("SupervisedSqlExecutor is closed");
    }
  }

  /** Starts a worker when none runs; returns null, or why it could not start. */
  private String ensureWorker() {
    if (worker != null && worker.process.isAlive()) {
      return null;
    }
    if (worker != null) {
      kill(worker);
    }
    if (failedStarts >= MAX_FAILED_STARTS) {
      return "gave up after " + failedStarts + " failed starts in a row; the last: " + lastStartFailure;
    }
    try {
      start();
      failedStarts = 0;
      return null;
    } catch (RuntimeException e) {
      failedStarts++;
      lastStartFailure = e.getMessage();
      return e.getMessage();
    }
  }

  private void start() {
    Path tmp = dir.resolve("tmp");
    Path home = dir.resolve("home");
    ScratchDirs.deleteRecursively(tmp);
    try {
      Files.createDirectories(tmp);
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the SQL worker's folders in " + dir, e);
    }
    String classPath = System.getProperty("java.class.path", "");
    if (classPath.isBlank()) {
      throw new IllegalStateException("Cannot start the SQL worker: this JVM has no class path (java.class.path)");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + limits.heapMegabytes() + "m");
    cmd.add("-Xss4m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-XX:-UsePerfData");
    cmd.add("-Djava.io.tmpdir=" + tmp.toAbsolutePath());
    cmd.add("-Duser.home=" + home.toAbsolutePath());
    cmd.add("-cp");
    cmd.add(absolute(classPath));
    cmd.add(SqlWorker.class.getName());
    long logStart;
    Process p;
    try {
      logStart = Files.exists(log) ? Files.size(log) : 0;
      p = new ProcessBuilder(cmd).directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the SQL worker (" + cmd.get(0) + "): " + e.getMessage(), e);
    }
    starts++;
    Worker w = new Worker(p, logStart);
    try {
      SandboxSettings forWorker = settings.withWorkDir(null);
      WorkerProtocol.writeObject(w.out, WorkerProtocol.INIT, new WorkerProtocol.Config(domain, seedDir.toString(),
          dir.resolve("database.duckdb").toAbsolutePath().toString(), dir.toAbsolutePath().toString(), forWorker));
    } catch (IOException e) {
      kill(w);
      throw new IllegalStateException("Cannot start the SQL worker: " + e.getMessage() + logTail(w), e);
    }
    Awaited a = await(w, System.nanoTime() + limits.startTimeout().toNanos());
    if (a.end == End.FRAME && a.frame.kind() == WorkerProtocol.READY) {
      worker = w;
      return;
    }
    kill(w);
    String why = switch (a.end) {
      case FRAME -> a.frame.kind() == WorkerProtocol.FAILED ? a.frame.text() : "unexpected frame " + a.frame.kind();
      case TIME -> "no answer within " + limits.startTimeout().toSeconds() + " s";
      case MEMORY -> "grew to " + (a.rss >> 20) + " MiB, over its cap of " + (limits.rssCapBytes() >> 20) + " MiB";
      default -> "it exited" + exitCode(w) + logTail(w);
    };
    throw new IllegalStateException("Cannot open the SQL sandbox on " + seedDir + " in a worker process: " + why);
  }

  private enum End { FRAME, TIME, MEMORY, DIED }

  /** How waiting for a frame ended. */
  private record Awaited(End end, WorkerProtocol.Frame frame, long rss, Throwable error) {}

  /**
   * Waits for the worker's next frame until {@code deadline} (System.nanoTime), checking its memory; kills it
   * on an overrun or when it dies.
   */
  private Awaited await(Worker w, long deadline) {
    Future<WorkerProtocol.Frame> next = reader.submit(() -> WorkerProtocol.read(w.in));
    long poll = limits.pollInterval().toNanos();
    long peak = 0;
    while (true) {
      try {
        return new Awaited(End.FRAME, next.get(poll, TimeUnit.NANOSECONDS), peak, null);
      } catch (TimeoutException e) {
        long rss = ProcessMemory.rssBytes(w.process.pid());
        peak = Math.max(peak, rss);
        if (rss > limits.rssCapBytes()) {
          kill(w);
          return new Awaited(End.MEMORY, null, rss, null);
        }
        if (System.nanoTime() - deadline >= 0) {
          kill(w);
          return new Awaited(End.TIME, null, peak, null);
        }
      } catch (ExecutionException e) {
        kill(w);
        return new Awaited(End.DIED, null, peak, e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill(w);
        return new Awaited(End.DIED, null, peak, e);
      }
    }
  }

  private QueryOutcome died(Worker w, long t0, Throwable cause) {
    kill(w);
    String tail = logTail(w);
    boolean heap = tail.contains("OutOfMemoryError");
    String what = cause instanceof EOFException || cause == null ? "exited" : "failed (" + cause.getMessage() + ")";
    return QueryOutcome.failed(QueryOutcome.Status.ERROR, heap ? ErrorClass.OUT_OF_MEMORY : ErrorClass.WORKER_FAILED,
        (heap ? "Out of memory: " : "") + "the SQL worker process " + what + exitCode(w)
            + " while running this statement; it is restarted" + tail, false, micros(t0));
  }

  /** Kills the worker (SIGKILL), waits for it, and forgets it; its temporary files go with the next start. */
  private void kill(Worker w) {
    w.process.destroyForcibly();
    try {
      w.process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      w.in.close();
    } catch (IOException e) {
      // gone
    }
    try {
      w.out.close();
    } catch (IOException e) {
      // gone
    }
    if (worker == w) {
      worker = null;
    }
    ScratchDirs.deleteRecursively(dir.resolve("tmp"));
  }

  /** The class path with every entry made absolute (the worker runs in its scratch folder). */
  static String absolute(String classPath) {
    List<String> entries = new ArrayList<>();
    for (String e : classPath.split(java.io.File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.add(e.endsWith("*") ? e : Path.of(e).toAbsolutePath().toString());
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static String exitCode(Worker w) {
    return w.process.isAlive() ? "" : " with code " + w.process.exitValue();
  }

  /** The last lines the worker wrote to stderr, as {@code ": …"}, or empty. */
  private String logTail(Worker w) {
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long end = f.length();
      long from = Math.max(w.logStart, end - 1_000);
      byte[] b = new byte[(int) (end - from)];
      f.seek(from);
      f.readFully(b);
      String s = new String(b, StandardCharsets.UTF_8).strip();
      return s.isEmpty() ? "" : ": " + SafeText.bounded(s.replace('\n', ' '), 1_000, 1_000);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static long micros(long t0) {
    return (System.nanoTime() - t0) / 1_000;
  }

  /** One worker process and its pipes. */
  private static final class Worker {
    final Process process;
    final DataOutputStream out;
    final DataInputStream in;
    final long logStart;

    Worker(Process process, long logStart) {
      this.process = process;
      this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
      this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
      this.logStart = logStart;
    }
  }
}
