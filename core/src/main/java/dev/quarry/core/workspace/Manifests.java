package dev.quarry.core.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads, writes and verifies {@link Manifest}s. */
public final class Manifests {

  /** Shared mapper: pretty-printed, map keys sorted so manifests diff cleanly. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Manifests() {}

  /**
   * Lists every regular file under {@code dir} except {@code manifest.json}, hashing each.
   *
   * @param dir output directory
   * @param rowsByPath optional record counts keyed by relative path (missing ⇒ null rows)
   * @return entries sorted by relative path
   */
  public static List<Manifest.FileEntry> describeFiles(Path dir, Map<String, Long> rowsByPath) {
    List<Manifest.FileEntry> out = new ArrayList<>();
    for (Path f : dataFiles(dir)) {
      String rel = relative(dir, f);
      try {
        out.add(new Manifest.FileEntry(rel, Files.size(f), Sha256.ofFile(f), rowsByPath.get(rel)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot stat " + f, e);
      }
    }
    return out;
  }

  /** Writes {@code manifest} as {@code dir/manifest.json}. */
  public static void write(Path dir, Manifest manifest) {
    try {
      JSON.writeValue(dir.resolve(Manifest.FILE_NAME).toFile(), manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write manifest in " + dir, e);
    }
  }

  /**
   * Reads {@code dir/manifest.json}.
   *
   * @throws InvalidOutputException if it is missing or malformed
   */
  public static Manifest read(Path dir) {
    Path f = dir.resolve(Manifest.FILE_NAME);
    if (!Files.isRegularFile(f)) {
      throw new InvalidOutputException(dir, "no " + Manifest.FILE_NAME + " (incomplete or not a Quarry output)");
    }
    try {
      return JSON.readValue(f.toFile(), Manifest.class);
    } catch (IOException e) {
      throw new InvalidOutputException(dir, "unreadable " + Manifest.FILE_NAME + ": " + e.getMessage());
    }
  }

  /** SHA-256 of the manifest.json bytes in {@code dir}; downstream stages record it as their input. */
  public static String manifestHash(Path dir) {
    return Sha256.ofFile(dir.resolve(Manifest.FILE_NAME));
  }

  /**
   * Checks that {@code dir} is a complete, untampered output: the manifest reads, every listed file exists
   * with its size and SHA-256, and no unlisted data file is present.
   *
   * @return the manifest
   * @throws InvalidOutputException naming the first problem found
   */
  public static Manifest verify(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidOutputException(dir, "directory does not exist");
    }
    Manifest m = read(dir);
    Set<String> listed = new HashSet<>();
    for (Manifest.FileEntry e : m.files()) {
      listed.add(e.path());
      Path f = dir.resolve(e.path());
      if (!Files.isRegularFile(f)) {
        throw new InvalidOutputException(dir, "missing file " + e.path());
      }
      try {
        if (Files.size(f) != e.bytes()) {
          throw new InvalidOutputException(
              dir, "file " + e.path() + " has " + Files.size(f) + " bytes, manifest says " + e.bytes());
        }
      } catch (IOException ex) {
        throw new InvalidOutputException(dir, "cannot stat " + e.path() + ": " + ex.getMessage());
      }
      String actual = Sha256.ofFile(f);
      if (!actual.equals(e.sha256())) {
        throw new InvalidOutputException(
            dir, "SHA-256 mismatch for " + e.path() + " (expected " + e.sha256() + ", found " + actual + ")");
      }
    }
    for (Path f : dataFiles(dir)) {
      String rel = relative(dir, f);
      if (!listed.contains(rel)) {
        throw new InvalidOutputException(dir, "unexpected file " + rel + " not listed in the manifest");
      }
    }
    return m;
  }

  /** Like {@link #verify} but returns empty instead of throwing. */
  public static Optional<Manifest> verifyQuietly(Path dir) {
    try {
      return Optional.of(verify(dir));
    } catch (InvalidOutputException e) {
      return Optional.empty();
    }
  }

  private static List<Path> dataFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.equals(dir.resolve(Manifest.FILE_NAME)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  private static String relative(Path dir, Path f) {
    return dir.relativize(f).toString().replace('\\', '/');
  }
}
