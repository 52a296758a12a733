package dev.quarry.core.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a text file's bytes into lines and decodes each as UTF-8 on its own, so that invalid bytes are reported
 * with their line and column instead of as {@code MalformedInputException: Input length = 1} for the whole file.
 * Lines end at {@code \n}; a {@code \r} before it is dropped; a UTF-8 byte-order mark at the start is skipped.
 */
public final class Utf8Lines {

  private Utf8Lines() {}

  /**
   * One line.
   *
   * @param number 1-based line number
   * @param text the decoded text; invalid bytes replaced by U+FFFD
   * @param problem null when the bytes were valid UTF-8; otherwise e.g.
   *     {@code invalid UTF-8 at byte 12 of the line (0xFF)}
   */
  public record Line(int number, String text, String problem) {

    /** True when the line's bytes were valid UTF-8. */
    public boolean valid() {
      return problem == null;
    }
  }

  /**
   * Splits and decodes; never throws for bad bytes.
   *
   * @param bytes file content
   * @return every line, in order (a final line without {@code \n} included; nothing after a final {@code \n})
   */
  public static List<Line> split(byte[] bytes) {
    List<Line> out = new ArrayList<>();
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
        ? 3 : 0;
    int number = 1;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
      out.add(decode(bytes, start, stop - start, number));
      number++;
      start = end + 1;
    }
    return out;
  }

  /**
   * Decodes the whole text strictly.
   *
   * @param bytes file content
   * @param source file name for the message
   * @return the lines' texts
   * @throws IllegalArgumentException {@code <source> line N: invalid UTF-8 at byte K of the line (0xFF); save the file
   *     as UTF-8} for the first bad line
   */
  public static List<String> strict(byte[] bytes, String source) {
    List<String> texts = new ArrayList<>();
    for (Line l : split(bytes)) {
      if (!l.valid()) {
        throw new IllegalArgumentException(source + " line " + l.number() + ": " + l.problem() + "; save the file as UTF-8");
      }
      texts.add(l.text());
    }
    return texts;
  }

  private static Line decode(byte[] bytes, int offset, int length, int number) {
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    try {
      CharBuffer chars = strict.decode(in);
      return new Line(number, chars.toString(), null);
    } catch (CharacterCodingException e) {
      int at = 0;
      if (e instanceof MalformedInputException) {
        at = in.position() - offset;
      }
      int b = offset + at < offset + length ? bytes[offset + at] & 0xFF : -1;
      String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
      return new Line(number, text, "invalid UTF-8 at byte " + (at + 1) + " of the line"
          + (b < 0 ? "" : String.format(Locale.ROOT, " (0x%02X)", b)));
    }
  }
}
