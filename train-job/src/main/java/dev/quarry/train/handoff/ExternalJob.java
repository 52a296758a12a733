package dev.quarry.train.handoff;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one external command with a time limit, streaming its merged stdout/stderr line by line.
 *
 * <p>Standard input is empty. Each output line goes, prefixed, to a line sink (the log) and unprefixed to
 * {@code logFile}; the last {@link #TAIL_LINES} lines are kept for error messages. When the limit passes, the
 * whole process tree is stopped: the descendants ({@link ProcessHandle#descendants()}) and the process get
 * SIGTERM, and whatever still runs after {@link #KILL_GRACE} gets SIGKILL. Descendants are collected before
 * the parent is signalled, so children re-parented by the parent's death are still reached.
 */
public final class ExternalJob {

  /** Lines of output kept for {@link Outcome#tail()}. */
  public static final int TAIL_LINES = 40;

  /** Time between SIGTERM and SIGKILL on timeout. */
  public static final Duration KILL_GRACE = Duration.ofSeconds(3);

  /**
   * What happened.
   *
   * @param exitCode the process's exit status (after a kill normally 143 or 137, i.e. 128 + signal; it can be
   *     whatever the process returned if it exited on its own while being stopped)
   * @param timedOut true if the time limit passed and the tree was killed
   * @param wall wall time from start to exit
   * @param tail the last output lines
   */
  public record Outcome(int exitCode, boolean timedOut, Duration wall, List<String> tail) {
    /** True when the command exited 0 within the limit. */
    public boolean succeeded() {
      return exitCode == 0 && !timedOut;
    }
  }

  private ExternalJob() {}

  /**
   * Runs {@code argv}.
   *
   * @param argv program and arguments (no shell involved)
   * @param env extra environment variables
   * @param limit wall-clock limit
   * @param logFile file receiving the raw output (created/appended)
   * @param sink receives each output line with {@code prefix} prepended
   * @param prefix log line prefix
   * @throws IOException if the program cannot be started (e.g. not found), naming it
   * @throws InterruptedException if interrupted while waiting; the tree is killed first
   */
  public static Outcome run(List<String> argv, Map<String, String> env, Duration limit, Path logFile,
      Consumer<String> sink, String prefix) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException("--command: cannot start '" + argv.get(0) + "': " + e.getMessage(), e);
    }
    p.getOutputStream().close();
    Deque<String> tail = new ArrayDeque<>();
    BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Thread pump = new Thread(() -> pump(p.getInputStream(), log, sink, prefix, tail), "external-job-output");
    pump.setDaemon(true);
    pump.start();
    boolean timedOut = false;
    try {
      if (!p.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
        timedOut = true;
        killTree(p.toHandle());
      }
    } catch (InterruptedException e) {
      killTree(p.toHandle());
      throw e;
    } finally {
      pump.join(TimeUnit.SECONDS.toMillis(5));
      if (pump.isAlive()) {
        // an orphan still holds the pipe open: stop reading
        p.getInputStream().close();
        pump.join(1000);
      }
      synchronized (tail) {
        log.flush();
      }
      log.close();
    }
    int code = p.waitFor();
    List<String> lines;
    synchronized (tail) {
      lines = new ArrayList<>(tail);
    }
    return new Outcome(code, timedOut, Duration.ofNanos(System.nanoTime() - start), lines);
  }

  private static void pump(InputStream in, BufferedWriter log, Consumer<String> sink, String prefix,
      Deque<String> tail) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        sink.accept(prefix + line);
        synchronized (tail) {
          log.write(line);
          log.newLine();
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // stream closed after the process tree ended
    }
  }

  /**
   * Stops {@code root} and all its descendants: SIGTERM, then SIGKILL after {@link #KILL_GRACE}.
   *
   * @return the number of processes signalled
   */
  public static int killTree(ProcessHandle root) throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(root);
    tree.addAll(root.descendants().toList());
    tree.forEach(ProcessHandle::destroy); // root first, so it dies by the signal rather than reaping its children
    long deadline = System.nanoTime() + KILL_GRACE.toNanos();
    while (System.nanoTime() < deadline && tree.stream().anyMatch(ProcessHandle::isAlive)) {
      // pick up processes forked while we were signalling
      for (ProcessHandle h : List.copyOf(tree)) {
        if (h.isAlive()) {
          h.descendants().filter(d -> !tree.contains(d)).forEach(d -> {
            tree.add(d);
            d.destroy();
          });
        }
      }
      Thread.sleep(50);
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle h : tree) {
      try {
        h.onExit().get(2, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // reported by the caller through isAlive checks
      }
    }
    return tree.size();
  }
}
