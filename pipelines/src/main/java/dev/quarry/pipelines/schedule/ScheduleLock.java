package dev.quarry.pipelines.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS file lock ({@link FileChannel#tryLock()}) on {@code <workspace>/schedule.lock}, held for
 * the scheduler's lifetime. The OS releases it if the process dies, so a stale file never blocks a restart.
 */
public final class ScheduleLock implements AutoCloseable {

  /** Lock file name in the workspace. */
  public static final String FILE_NAME = "schedule.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private ScheduleLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock without waiting.
   *
   * @throws ScheduleLockedException if another process (or another scheduler in this JVM) holds it
   * @throws UncheckedIOException if the file cannot be opened
   */
  public static ScheduleLock acquire(Path workspace) {
    Path file = workspace.resolve(FILE_NAME);
    FileChannel ch = null;
    try {
      Files.createDirectories(workspace);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l = ch.tryLock();
      if (l == null) {
        ch.close();
        throw new ScheduleLockedException(file);
      }
      ch.truncate(0);
      ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      return new ScheduleLock(ch, l);
    } catch (OverlappingFileLockException e) {
      closeQuietly(ch);
      throw new ScheduleLockedException(file);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new UncheckedIOException("Cannot open the schedule lock " + file, e);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      if (ch != null) {
        ch.close();
      }
    } catch (IOException ignored) {
      // already failing
    }
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the schedule lock", e);
    }
  }
}
