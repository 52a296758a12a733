package dev.quarry.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage so that its output appears complete or not at all.
 *
 * <ol>
 *   <li>Every input is verified through its manifest ({@link Manifests#verify}); a bad input stops the
 *       stage before any work.
 *   <li>If the output directory already holds a verified manifest with the same fingerprint (same stage,
 *       options, input manifests and project version) and {@code force} is false, the stage is skipped.
 *   <li>Otherwise the body writes into a fresh temporary sibling directory {@code .tmp-<name>-<uuid>}; the
 *       manifest is written last, then the directory is renamed into place. A failing body leaves the
 *       previous output untouched and the temporary directory removed.
 * </ol>
 */
public final class StageRunner {

  private static final Logger LOG = LoggerFactory.getLogger("quarry");

  /**
   * What to run.
   *
   * @param stage stage name ({@code seed}, {@code synth}, …)
   * @param command the user's command line, recorded in the manifest
   * @param options effective options (recorded and fingerprinted; keep values JSON-friendly)
   * @param seed random seed or null
   * @param inputs named input directories, each holding a manifest
   * @param force redo even if an up-to-date output exists
   */
  public record StageRequest(
      String stage, String command, Map<String, Object> options, Long seed, Map<String, Path> inputs, boolean force) {}

  /**
   * What the stage body reports about the files it wrote.
   *
   * @param counts stage-specific counts for the manifest
   * @param rowsByPath record count per relative file path, where known
   */
  public record StageOutput(JsonNode counts, Map<String, Long> rowsByPath) {}

  /** The body of a stage: writes all of its files into {@code tmpDir}. */
  @FunctionalInterface
  public interface StageBody {
    /** Writes the output into {@code tmpDir} (empty, existing) and reports what it wrote. */
    StageOutput write(Path tmpDir) throws Exception;
  }

  /**
   * Result of {@link #run}.
   *
   * @param dir final output directory
   * @param manifest its manifest
   * @param skipped true if an up-to-date output was reused
   */
  public record StageResult(Path dir, Manifest manifest, boolean skipped) {}

  private StageRunner() {}

  /**
   * Runs the stage into {@code outputDir} (see class comment).
   *
   * @throws InvalidOutputException if an input is missing or does not verify
   * @throws StageFailedException if the body fails; the previous output is untouched
   */
  public static StageResult run(StageRequest req, Path outputDir, StageBody body) {
    Map<String, Manifest.Input> inputs = new TreeMap<>();
    for (Map.Entry<String, Path> in : req.inputs().entrySet()) {
      Manifests.verify(in.getValue());
      inputs.put(in.getKey(), new Manifest.Input(in.getValue().toString(), Manifests.manifestHash(in.getValue())));
    }
    String fingerprint = fingerprint(req, inputs);

    if (Files.exists(outputDir)) {
      try {
        Manifest existing = Manifests.verify(outputDir);
        if (!req.force() && fingerprint.equals(existing.fingerprint())) {
          LOG.info("{}: skipped, {} is up to date (same inputs and options, manifest verifies; --force redoes it)",
              req.stage(), outputDir);
          return new StageResult(outputDir, existing, true);
        }
        LOG.info("{}: {} exists but {}; regenerating", req.stage(), outputDir,
            req.force() ? "--force was given" : "its inputs or options differ");
      } catch (InvalidOutputException e) {
        LOG.warn("{}: existing output will be replaced: {}", req.stage(), e.getMessage());
      }
    }

    Path parent = outputDir.toAbsolutePath().getParent();
    ensureWritable(parent);
    removeStaleTemporaries(parent, outputDir.getFileName().toString());
    Path tmp = parent.resolve(".tmp-" + outputDir.getFileName() + "-" + UUID.randomUUID());
    long start = System.nanoTime();
    try {
      Files.createDirectories(tmp);
      StageOutput out = body.write(tmp);
      long wallMs = (System.nanoTime() - start) / 1_000_000;
      Manifest m = new Manifest(
          Manifest.FORMAT,
          req.stage(),
          req.command(),
          new LinkedHashMap<>(req.options()),
          req.seed(),
          CodeVersion.full(),
          fingerprint,
          inputs,
          Instant.now().toString(),
          wallMs,
          out.counts(),
          Manifests.describeFiles(tmp, out.rowsByPath()));
      Manifests.write(tmp, m);
      moveIntoPlace(tmp, outputDir.toAbsolutePath());
      return new StageResult(outputDir, m, false);
    } catch (Exception e) {
      deleteRecursively(tmp);
      if (e instanceof InvalidOutputException ioe) {
        throw ioe;
      }
      throw new StageFailedException(req.stage(), e);
    }
  }

  /** The fingerprint recorded in manifests: SHA-256 over stage, options, inputs and project version. */
  static String fingerprint(StageRequest req, Map<String, Manifest.Input> inputs) {
    Map<String, Object> key = new TreeMap<>();
    key.put("stage", req.stage());
    key.put("options", new TreeMap<>(req.options()));
    Map<String, String> in = new TreeMap<>();
    inputs.forEach((k, v) -> in.put(k, v.manifestSha256()));
    key.put("inputs", in);
    key.put("version", CodeVersion.projectVersion());
    try {
      return Sha256.ofString(Manifests.JSON.writeValueAsString(key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates {@code dir} if needed and checks that files can be created in it.
   *
   * @throws IllegalArgumentException naming the directory if it is not writable, and the path that is a file
   *     when the directory or one of its parents is a file rather than a folder
   */
  public static void ensureWritable(Path dir) {
    Path file = fileInTheWay(dir);
    if (file != null) {
      throw new IllegalArgumentException("Workspace directory is not writable: " + dir + ": " + file
          + " is a file, not a folder (check --workspace)");
    }
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-probe", "");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException("Workspace directory is not writable: " + dir + " (" + e + ")", e);
    }
  }

  /** The first of {@code dir} and its parents that exists as something other than a folder, or null. */
  private static Path fileInTheWay(Path dir) {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return Files.isDirectory(p) ? null : p;
      }
    }
    return null;
  }

  private static void moveIntoPlace(Path tmp, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling(".old-" + target.getFileName() + "-" + UUID.randomUUID());
      atomicMove(target, old);
    }
    try {
      atomicMove(tmp, target);
    } catch (IOException e) {
      if (old != null) {
        atomicMove(old, target);
      }
      throw e;
    }
    if (old != null) {
      deleteRecursively(old);
    }
  }

  private static void atomicMove(Path from, Path to) throws IOException {
    AtomicMove.into(from, to, false);
  }

  private static void removeStaleTemporaries(Path parent, String name) {
    try (Stream<Path> s = Files.list(parent)) {
      s.filter(p -> {
            String n = p.getFileName().toString();
            return n.startsWith(".tmp-" + name + "-") || n.startsWith(".old-" + name + "-");
          })
          .forEach(StageRunner::deleteRecursively);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + parent, e);
    }
  }

  /** Deletes a directory tree; missing is fine. */
  public static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
