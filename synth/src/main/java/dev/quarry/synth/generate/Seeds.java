package dev.quarry.synth.generate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Stable hashing for seeds and ids: the same inputs give the same numbers on every JVM. */
public final class Seeds {
  private Seeds() {}

  /** 64-bit hash of {@code (seed, key)} from SHA-256; stable across JVMs and runs. */
  public static long hash(long seed, String key) {
    byte[] d = sha256(seed + "\u0000" + key);
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return h;
  }

  /** A random generator seeded from {@code hash(seed, key)}. */
  public static SplittableRandom rng(long seed, String key) {
    return new SplittableRandom(hash(seed, key));
  }

  /** First 16 hex digits of SHA-256 of the parts joined by newlines. */
  public static String hexId(String... parts) {
    return HexFormat.of().formatHex(sha256(String.join("\n", parts))).substring(0, 16);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
  }
}
