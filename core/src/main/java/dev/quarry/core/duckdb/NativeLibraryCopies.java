package dev.quarry.core.duckdb;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes the copies of native libraries that killed JVMs left in the temporary folder: DuckDB's
 * ({@code libduckdb_java*.so}), snappy-java's ({@code snappy-*-libsnappyjava.so}, used by Parquet), zstd-jni's
 * ({@code libzstd-jni-*.so}) and lz4-java's ({@code liblz4-java-*.so}). Each library copies itself out of its jar
 * into {@code java.io.tmpdir} under a fresh name and deletes the copy only at a normal JVM exit.
 *
 * <p>DuckDB's JDBC driver (2.0.0.1, {@code org.duckdb.DuckDBNative.unpackAndLoad}) copies the library out of its
 * jar with {@code Files.createTempFile("libduckdb_java", ".so")}, that is into {@code java.io.tmpdir}, and only
 * asks for deletion at a normal JVM exit ({@code File.deleteOnExit}); it has no property of its own for the
 * location. A SIGKILLed JVM therefore leaves a 70 MB {@code libduckdb_java*.so} behind. Quarry's worker JVMs get a
 * {@code java.io.tmpdir} inside their scratch folder; for the main JVM this class deletes, at start-up, every
 * such copy that no live process has mapped or open (read from {@code /proc/<pid>/maps} and
 * {@code /proc/<pid>/fd}) and that was last written more than {@value #MIN_AGE_MS} ms ago (a JVM between
 * creating the copy and loading it has it open, or wrote it a moment ago). Linux only; elsewhere it does
 * nothing.
 */
public final class NativeLibraryCopies {

  /** A copy written less than this long ago is never removed, in ms. */
  static final long MIN_AGE_MS = 1_000;

  /** File name patterns of the copies (globs). */
  static final List<String> PATTERNS = List.of("libduckdb_java*.so", "snappy-*-libsnappyjava.so", "libzstd-jni-*.so",
      "liblz4-java-*.so");

  private NativeLibraryCopies() {}

  /**
   * Deletes unused DuckDB library copies in {@code tmpDir}. Never throws.
   *
   * @param tmpDir the folder DuckDB extracts into (normally {@code java.io.tmpdir})
   * @return the paths removed
   */
  public static List<Path> removeUnused(Path tmpDir) {
    List<Path> removed = new ArrayList<>();
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc) || !Files.isDirectory(tmpDir)) {
      return removed;
    }
    List<Path> candidates = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (String pattern : PATTERNS) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(tmpDir, pattern)) {
        for (Path p : s) {
          if (Files.isRegularFile(p) && now - Files.getLastModifiedTime(p).toMillis() > MIN_AGE_MS) {
            candidates.add(p.toAbsolutePath().normalize());
          }
        }
      } catch (IOException | RuntimeException e) {
        // an unreadable folder holds nothing we can remove
      }
    }
    if (candidates.isEmpty()) {
      return removed;
    }
    Set<String> names = new HashSet<>();
    candidates.forEach(c -> names.add(c.getFileName().toString()));
    Set<String> inUse = inUse(proc, names);
    for (Path p : candidates) {
      if (!inUse.contains(p.toString())) {
        try {
          if (Files.deleteIfExists(p)) {
            removed.add(p);
          }
        } catch (IOException e) {
          // another user's file, or gone meanwhile
        }
      }
    }
    return removed;
  }

  /** Paths, among files with these names, that some process has mapped or open. */
  private static Set<String> inUse(Path proc, Set<String> names) {
    Set<String> used = new HashSet<>();
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("[0-9]+"))) {
      for (Path pid : pids) {
        try (Stream<String> lines = Files.lines(pid.resolve("maps"))) {
          lines.filter(l -> names.stream().anyMatch(l::contains)).forEach(l -> {
            int slash = l.indexOf('/');
            if (slash >= 0) {
              used.add(l.substring(slash).replace(" (deleted)", "").strip());
            }
          });
        } catch (IOException | RuntimeException e) {
          // process gone, or not ours to read
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
          for (Path fd : fds) {
            try {
              String target = Files.readSymbolicLink(fd).toString();
              if (names.stream().anyMatch(target::contains)) {
                used.add(target.replace(" (deleted)", "").strip());
              }
            } catch (IOException | RuntimeException e) {
              // closed meanwhile
            }
          }
        } catch (IOException | RuntimeException e) {
          // process gone, or not ours to read
        }
      }
    } catch (IOException e) {
      // nothing readable
    }
    return used;
  }
}
