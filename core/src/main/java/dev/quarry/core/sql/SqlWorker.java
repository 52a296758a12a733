package dev.quarry.core.sql;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/**
 * The child side of {@link SupervisedSqlExecutor}: a JVM that opens one locked-down {@link SqlSandbox} and runs
 * the statements its parent sends, one at a time, over stdin/stdout ({@link WorkerProtocol}). It holds no
 * limits of its own beyond the sandbox's (timeout by cancellation, DuckDB memory_limit, row and result caps):
 * the parent enforces the hard ones by killing it.
 *
 * <p>Start-up: reads the {@link WorkerProtocol.Config}; if the prepared database file does not exist yet,
 * writes it from the seed data ({@link SqlSandbox#prepareDatabaseFile}), then opens it read-only and answers
 * READY (or FAILED with the reason). Stdout carries frames only: {@code System.out} is redirected to stderr,
 * which the parent sends to a log file. The worker exits when its stdin closes, when asked to, or when its
 * parent process is gone (checked every {@value #PARENT_CHECK_MS} ms, so a killed parent leaves no worker
 * running).
 */
public final class SqlWorker {

  /** How often the worker checks that its parent is alive, ms. */
  static final long PARENT_CHECK_MS = 500;

  private SqlWorker() {}

  /**
   * Runs the worker until stdin closes.
   *
   * @param args none
   */
  public static void main(String[] args) {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
        1 << 16));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
    watchParent();
    int status = 0;
    try {
      serve(in, out);
    } catch (EOFException e) {
      // parent closed the pipe: normal end
    } catch (IOException | RuntimeException e) {
      System.err.println("quarry sql worker: " + e);
      status = 1;
    }
    System.exit(status);
  }

  private static void serve(DataInputStream in, DataOutputStream out) throws IOException {
    WorkerProtocol.Frame init = WorkerProtocol.read(in);
    if (init.kind() != WorkerProtocol.INIT) {
      throw new IOException("expected INIT, got frame kind " + init.kind());
    }
    SqlSandbox sandbox;
    try {
      WorkerProtocol.Config c = (WorkerProtocol.Config) WorkerProtocol.deserialize(init.payload(), null);
      SandboxSettings s = c.settings().withWorkDir(Path.of(c.workDir()));
      Path file = Path.of(c.databaseFile());
      if (!Files.exists(file)) {
        SqlSandbox.prepareDatabaseFile(c.domain(), Path.of(c.seedDir()), file, s);
      }
      sandbox = SqlSandbox.openDatabaseFile(c.domain(), file, s);
    } catch (IOException | RuntimeException e) {
      WorkerProtocol.writeText(out, WorkerProtocol.FAILED, String.valueOf(e.getMessage()));
      return;
    }
    try (sandbox) {
      WorkerProtocol.write(out, WorkerProtocol.READY, new byte[0]);
      while (true) {
        WorkerProtocol.Frame f = WorkerProtocol.read(in);
        switch (f.kind()) {
          case WorkerProtocol.EXECUTE -> {
            QueryOutcome o;
            try {
              o = sandbox.execute(f.text());
            } catch (RuntimeException | StackOverflowError e) {
              o = QueryOutcome.internalError(ErrorClass.INTERNAL, "worker failed on this statement: " + e);
            }
            byte[] bytes;
            try {
              bytes = WorkerProtocol.serialize(o);
            } catch (IOException | RuntimeException e) {
              bytes = WorkerProtocol.serialize(
                  QueryOutcome.internalError(ErrorClass.INTERNAL, "worker could not send the result: " + e));
            }
            WorkerProtocol.write(out, WorkerProtocol.OUTCOME, bytes);
          }
          case WorkerProtocol.COUNTS -> {
            try {
              WorkerProtocol.writeObject(out, WorkerProtocol.ROW_COUNTS, new LinkedHashMap<>(sandbox.tableRowCounts()));
            } catch (RuntimeException e) {
              WorkerProtocol.writeText(out, WorkerProtocol.FAILED, String.valueOf(e.getMessage()));
            }
          }
          case WorkerProtocol.QUIT -> {
            return;
          }
          default -> throw new IOException("unexpected frame kind " + f.kind());
        }
      }
    }
  }

  /** Exits (normally, so temporary files marked delete-on-exit go) once the parent process is gone. */
  private static void watchParent() {
    ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
    if (parent == null) {
      return;
    }
    Thread t = new Thread(() -> {
      while (parent.isAlive()) {
        try {
          Thread.sleep(PARENT_CHECK_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
      Thread halt = new Thread(() -> {
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException e) {
          // halt anyway
        }
        Runtime.getRuntime().halt(2);
      });
      halt.setDaemon(true);
      halt.start();
      System.exit(2);
    }, "quarry-sql-worker-parent-watch");
    t.setDaemon(true);
    t.start();
  }
}
