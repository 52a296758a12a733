package dev.quarry.core.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Scratch files and folders that name the process owning them, so that whatever a killed process left
 * behind is recognised and removed by the next process that starts (a SIGKILL runs no clean-up code).
 *
 * <p>Name layout: {@code <prefix>-<pid>-<start>-<random><suffix>}, where {@code pid} is the owner's process id
 * and {@code start} its start time in epoch milliseconds ({@link ProcessHandle.Info#startInstant()}), so that a
 * recycled process id is not mistaken for the owner. An entry is stale when no live process has that id and
 * start time (within {@value #START_TOLERANCE_MS} ms).
 */
public final class ScratchDirs {

  /** Tolerance when comparing a recorded start time with a live process's start time, in ms. */
  static final long START_TOLERANCE_MS = 1_000;

  private ScratchDirs() {}

  /** {@code <pid>-<start epoch ms>} of this process. */
  public static String ownerTag() {
    ProcessHandle self = ProcessHandle.current();
    return self.pid() + "-" + startMillis(self);
  }

  /**
   * Creates a fresh folder {@code <base>/<prefix>-<owner tag>-<random>} after removing stale siblings with the
   * same prefix.
   *
   * @param base parent folder (created if missing)
   * @param prefix name prefix, without dashes at the end (e.g. {@code quarry-sandbox})
   * @return the new, empty folder
   * @throws UncheckedIOException if it cannot be created
   */
  public static Path create(Path base, String prefix) {
    try {
      Files.createDirectories(base);
      removeStale(base, prefix);
      for (int attempt = 0; ; attempt++) {
        Path dir = base.resolve(name(prefix, ""));
        try {
          return Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          if (attempt > 10) {
            throw e;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a scratch folder in " + base + ": " + e.getMessage(), e);
    }
  }

  /**
   * A name {@code <prefix>-<owner tag>-<random><suffix>} for a scratch file or folder of this process.
   *
   * @param prefix name prefix
   * @param suffix name suffix (e.g. {@code .duckdb}), may be empty
   * @return the name (no path)
   */
  public static String name(String prefix, String suffix) {
    return prefix + "-" + ownerTag() + "-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
        + suffix;
  }

  /**
   * Deletes every entry of {@code base} named {@code <prefix>-<pid>-<start>-…} whose owner process is gone.
   * Entries of live processes, and names that do not follow the layout, are left alone. Never throws.
   *
   * @param base folder to clean (may be missing)
   * @param prefix name prefix
   * @return number of entries removed
   */
  public static int removeStale(Path base, String prefix) {
    if (!Files.isDirectory(base)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, prefix + "-*")) {
      for (Path p : entries) {
        Optional<long[]> owner = owner(p.getFileName().toString(), prefix);
        if (owner.isPresent() && !alive(owner.get()[0], owner.get()[1])) {
          deleteRecursively(p);
          removed++;
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: a folder we cannot list has nothing of ours to remove
    }
    return removed;
  }

  /** Parses {@code <prefix>-<pid>-<start>-…}; empty when the name does not follow the layout. */
  static Optional<long[]> owner(String name, String prefix) {
    if (!name.startsWith(prefix + "-")) {
      return Optional.empty();
    }
    String[] parts = name.substring(prefix.length() + 1).split("-", 3);
    if (parts.length < 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** True if a process with this id runs and started at {@code startMillis} (± tolerance). */
  static boolean alive(long pid, long startMillis) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive()) {
      return false;
    }
    long start = startMillis(h.get());
    return start < 0 || Math.abs(start - startMillis) <= START_TOLERANCE_MS;
  }

  private static long startMillis(ProcessHandle h) {
    return h.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
  }

  /**
   * Deletes a file or a folder with everything in it; symbolic links are removed, never followed. Never throws.
   *
   * @param p file or folder (may be missing)
   */
  public static void deleteRecursively(Path p) {
    if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(p)) {
      paths.sorted(Comparator.reverseOrder()).forEach(q -> {
        try {
          Files.deleteIfExists(q);
        } catch (IOException e) {
          // leave it
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // leave it
    }
  }
}
