package dev.quarry.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry {@code <workspace>/models/}: one folder per model id (laid out as {@link ModelFiles}
 * says, whichever backend trained it), and a pointer to the newest completed model.
 *
 * <p>The pointer is written twice: a text file {@code LATEST} holding the model id and a newline (always),
 * and a relative symbolic link {@code latest → <model-id>} where the file system allows symlinks. Both are
 * replaced atomically (written beside, then renamed over the old one). Readers should prefer {@code LATEST}
 * ({@link #latest}), which works everywhere.
 */
public final class ModelRegistry {

  /** Name of the pointer file holding the latest model id. */
  public static final String LATEST_FILE = "LATEST";
  /** Name of the pointer symlink. */
  public static final String LATEST_LINK = "latest";

  private static final Logger LOG = LoggerFactory.getLogger("quarry");

  private ModelRegistry() {}

  /**
   * Checks a model id: {@code [A-Za-z0-9][A-Za-z0-9._-]*}, at most 200 characters, not {@code latest}.
   *
   * @throws IllegalArgumentException naming {@code --model-id}
   */
  public static void checkModelId(String id) {
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
        || id.equalsIgnoreCase(LATEST_LINK)) {
      throw new IllegalArgumentException("--model-id '" + id
          + "' is not a valid model id (letters, digits, '.', '_', '-'; not starting with '.' or '-'; not 'latest')");
    }
  }

  /**
   * Points {@code latest} at {@code modelId}: writes {@code modelsDir/LATEST} and, where possible, the
   * {@code modelsDir/latest} symlink (see class comment). A {@code latest} that is a real directory or file is
   * left alone with a warning.
   *
   * @throws IllegalArgumentException if {@code modelsDir/modelId} is not a directory
   * @throws UncheckedIOException if {@code LATEST} cannot be written
   */
  public static void markLatest(Path modelsDir, String modelId) {
    checkModelId(modelId);
    if (!Files.isDirectory(modelsDir.resolve(modelId))) {
      throw new IllegalArgumentException("No model folder " + modelsDir.resolve(modelId));
    }
    Path tmp = modelsDir.resolve(".LATEST-" + UUID.randomUUID());
    try {
      Files.writeString(tmp, modelId + "\n", StandardCharsets.UTF_8);
      move(tmp, modelsDir.resolve(LATEST_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + modelsDir.resolve(LATEST_FILE), e);
    } finally {
      deleteQuietly(tmp);
    }
    Path link = modelsDir.resolve(LATEST_LINK);
    if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
      LOG.warn("{} exists and is not a symlink; left alone ({} names the latest model)", link, LATEST_FILE);
      return;
    }
    Path tmpLink = modelsDir.resolve(".latest-" + UUID.randomUUID());
    try {
      Files.createSymbolicLink(tmpLink, Path.of(modelId));
      move(tmpLink, link);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      LOG.info("No 'latest' symlink in {} ({}); {} names the latest model", modelsDir, e.getMessage(), LATEST_FILE);
    } finally {
      deleteQuietly(tmpLink);
    }
  }

  /**
   * The latest model id: from {@code LATEST}, else from the {@code latest} symlink's target; empty if neither
   * exists or the named folder is gone.
   */
  public static Optional<String> latest(Path modelsDir) {
    try {
      Path f = modelsDir.resolve(LATEST_FILE);
      String id = null;
      if (Files.isRegularFile(f)) {
        id = Files.readString(f, StandardCharsets.UTF_8).strip();
      } else if (Files.isSymbolicLink(modelsDir.resolve(LATEST_LINK))) {
        id = Files.readSymbolicLink(modelsDir.resolve(LATEST_LINK)).getFileName().toString();
      }
      return id != null && !id.isEmpty() && Files.isDirectory(modelsDir.resolve(id)) ? Optional.of(id) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort
    }
  }
}
