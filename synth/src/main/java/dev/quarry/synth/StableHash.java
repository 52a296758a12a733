package dev.quarry.synth;

import dev.quarry.core.workspace.Sha256;

/** Order-independent hashes for ids, splits and shard assignment (SHA-256 based, same on every JVM). */
public final class StableHash {

  private StableHash() {}

  /** First 16 hex characters of SHA-256 over the parts joined by NUL. */
  public static String id(String... parts) {
    return Sha256.ofString(String.join("\u0000", parts)).substring(0, 16);
  }

  /** A non-negative long from SHA-256 over the parts joined by NUL (63 bits). */
  public static long bucketKey(String... parts) {
    return Long.parseUnsignedLong(id(parts), 16) >>> 1;
  }
}
