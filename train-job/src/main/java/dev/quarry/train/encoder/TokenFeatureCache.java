package dev.quarry.train.encoder;

import dev.quarry.core.workspace.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Content-addressed cache of per-token question features: the features of a list of distinct questions are
 * stored once under {@code <dir>/<sha256(encoder id, format, token lists)>.tokfeat}, so training a second model on
 * the same dataset (another size, {@code --force}, a resumed run) skips the encoder. Layout, little-endian:
 * {@code int count}, then per question {@code int rows}, {@code rows} float scales and {@code rows × dim} int8
 * values ({@link TokenFeatures}). Written to a temporary name and moved into place when complete; a file that
 * does not parse to the expected shape is ignored and rewritten.
 */
public final class TokenFeatureCache {

  private static final String FORMAT = "token-features-v1";

  private final Path dir;

  /** A cache in {@code dir} (created when first written). */
  public TokenFeatureCache(Path dir) {
    this.dir = dir;
  }

  /**
   * The features of {@code questions}, from the cache or computed and stored.
   *
   * @param questions distinct token lists (their order is part of the key)
   * @param compute computes the features on a miss, one per question in order
   * @return one {@link TokenFeatures} per question
   * @throws UncheckedIOException when a computed result cannot be written
   */
  public List<TokenFeatures> get(List<List<String>> questions, Supplier<List<TokenFeatures>> compute) {
    Path file = dir.resolve(key(questions) + ".tokfeat");
    Optional<List<TokenFeatures>> hit = read(file, questions);
    if (hit.isPresent()) {
      return hit.get();
    }
    List<TokenFeatures> out = compute.get();
    write(file, out);
    return out;
  }

  static String key(List<List<String>> questions) {
    StringBuilder b = new StringBuilder(SentenceEncoder.id()).append('\n').append(FORMAT).append('\n');
    for (List<String> q : questions) {
      b.append(String.join(" ", q).replace('\n', ' ')).append('\n');
    }
    return Sha256.ofString(b.toString());
  }

  private static Optional<List<TokenFeatures>> read(Path file, List<List<String>> questions) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      int dim = QuestionFeaturizer.DIM;
      if (buf.remaining() < Integer.BYTES || buf.getInt() != questions.size()) {
        return Optional.empty();
      }
      List<TokenFeatures> out = new ArrayList<>(questions.size());
      for (List<String> q : questions) {
        int rows = buf.getInt();
        if (rows != q.size() || buf.remaining() < rows * (Float.BYTES + dim)) {
          return Optional.empty();
        }
        float[] scales = new float[rows];
        buf.asFloatBuffer().get(scales);
        buf.position(buf.position() + rows * Float.BYTES);
        byte[] values = new byte[rows * dim];
        buf.get(values);
        out.add(TokenFeatures.raw(values, scales, dim));
      }
      return buf.hasRemaining() ? Optional.empty() : Optional.of(out);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private void write(Path file, List<TokenFeatures> features) {
    try {
      Files.createDirectories(dir);
      int size = Integer.BYTES;
      for (TokenFeatures f : features) {
        size += Integer.BYTES + f.size() * (Float.BYTES + f.dim());
      }
      ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
      buf.putInt(features.size());
      for (TokenFeatures f : features) {
        buf.putInt(f.size());
        for (float s : f.scales()) {
          buf.putFloat(s);
        }
        buf.put(f.values());
      }
      Path tmp = Files.createTempFile(dir, ".tokfeat-", ".tmp");
      Files.write(tmp, buf.array());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the feature cache " + file, e);
    }
  }
}
