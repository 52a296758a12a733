package dev.quarry.core.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests (JDK {@link MessageDigest}) as lower-case hex strings of 64 characters. */
public final class Sha256 {

  private Sha256() {}

  /** Digest of a file's bytes; throws {@link UncheckedIOException} if it cannot be read. */
  public static String ofFile(Path file) {
    MessageDigest md = newDigest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " to hash it", e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Digest of the UTF-8 bytes of {@code text}. */
  public static String ofString(String text) {
    return ofBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Digest of {@code bytes}. */
  public static String ofBytes(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without SHA-256", e);
    }
  }
}
