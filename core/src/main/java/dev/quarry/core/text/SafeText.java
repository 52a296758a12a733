package dev.quarry.core.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Makes untrusted text safe to write: well-formed UTF-16 (so it always encodes as valid UTF-8) and bounded
 * in length. Model output, DuckDB results and error messages pass through here before they reach a file.
 */
public final class SafeText {

  /** What replaces a lone surrogate: U+FFFD REPLACEMENT CHARACTER. */
  public static final char REPLACEMENT = '\uFFFD';

  private SafeText() {}

  /**
   * Replaces every unpaired surrogate (a high surrogate not followed by a low one, or a low surrogate not
   * preceded by a high one) with U+FFFD; returns the same instance when there is none. Null stays null.
   *
   * @param s any text
   * @return well-formed text of the same length
   */
  public static String wellFormed(String s) {
    if (s == null) {
      return null;
    }
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i += 2;
      } else if (Character.isSurrogate(c)) {
        break;
      } else {
        i++;
      }
    }
    if (i == n) {
      return s;
    }
    StringBuilder b = new StringBuilder(n).append(s, 0, i);
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(i + 1));
        i += 2;
      } else {
        b.append(Character.isSurrogate(c) ? REPLACEMENT : c);
        i++;
      }
    }
    return b.toString();
  }

  /**
   * Bounds a text: longer than {@code max} characters becomes its first {@code keep} characters followed by
   * {@code …[truncated: N chars, sha256 H]}, where N is the full length and H the SHA-256 (hex) of the full
   * text's UTF-8 bytes, so two different long values never become equal. Never splits a surrogate pair; the
   * result is {@link #wellFormed}.
   *
   * @param s any text (null stays null)
   * @param max longest text kept whole, characters (at least {@code keep})
   * @param keep characters kept before the marker
   * @return the text, bounded
   */
  public static String bounded(String s, int max, int keep) {
    if (s == null) {
      return null;
    }
    if (s.length() <= max) {
      return wellFormed(s);
    }
    int k = Math.min(keep, s.length());
    if (k > 0 && Character.isHighSurrogate(s.charAt(k - 1))) {
      k--;
    }
    return wellFormed(s.substring(0, k)) + "…[truncated: " + s.length() + " chars, sha256 " + sha256(s) + "]";
  }

  private static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(wellFormed(s).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
