package dev.quarry.train.encoder;

import dev.quarry.core.workspace.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Content-addressed cache of sentence vectors: the vectors of a list of texts are stored once under
 * {@code <dir>/<sha256(encoder id, texts)>.f32} (little-endian floats, {@code texts.size() × DIM}), so a
 * second model built from the same questions skips the encoder. Files are written to a temporary name and
 * moved into place when complete; a file of the wrong size is ignored and rewritten.
 */
public final class VectorCache {

  private final Path dir;

  /** A cache in {@code dir} (created when first written). */
  public VectorCache(Path dir) {
    this.dir = dir;
  }

  /**
   * The vectors of {@code texts}, from the cache or computed with {@code encoder} and stored.
   *
   * @param texts texts to encode (their order is part of the key)
   * @param encoder the encoder, used only on a cache miss
   * @param progress called with the number of texts encoded so far (only on a miss)
   * @return one unit vector of {@link SentenceEncoder#DIM} floats per text
   */
  public float[][] vectors(List<String> texts, SentenceEncoder encoder, IntConsumer progress) {
    Path file = dir.resolve(key(texts) + ".f32");
    Optional<float[][]> hit = read(file, texts.size());
    if (hit.isPresent()) {
      return hit.get();
    }
    float[][] v = encoder.embedAll(texts, 32, progress);
    write(file, v);
    return v;
  }

  static String key(List<String> texts) {
    StringBuilder b = new StringBuilder(SentenceEncoder.id()).append('\n');
    for (String t : texts) {
      b.append(t.replace('\n', ' ')).append('\n');
    }
    return Sha256.ofString(b.toString());
  }

  private static Optional<float[][]> read(Path file, int n) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      if (Files.size(file) != (long) n * SentenceEncoder.DIM * Float.BYTES) {
        return Optional.empty();
      }
      ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      float[][] v = new float[n][SentenceEncoder.DIM];
      for (float[] row : v) {
        buf.asFloatBuffer().get(row);
        buf.position(buf.position() + SentenceEncoder.DIM * Float.BYTES);
      }
      return Optional.of(v);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void write(Path file, float[][] v) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".vectors-", ".tmp");
      ByteBuffer buf = ByteBuffer.allocate(v.length * SentenceEncoder.DIM * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] row : v) {
        buf.asFloatBuffer().put(row);
        buf.position(buf.position() + SentenceEncoder.DIM * Float.BYTES);
      }
      Files.write(tmp, buf.array());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the vector cache " + file, e);
    }
  }
}
