package dev.quarry.train.handoff;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations given on the command line: {@code 90s}, {@code 45m}, {@code 24h}, {@code 2d}, {@code 1h30m}, or ISO-8601 {@code PT24H}. */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @param option option name for the error message (e.g. {@code --time-limit})
   * @throws IllegalArgumentException naming {@code option} when the text is not a positive duration
   */
  public static Duration parse(String text, String option) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Duration d = null;
    if (t.startsWith("p")) {
      try {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        d = null;
      }
    } else if (!t.isEmpty()) {
      Matcher m = PART.matcher(t);
      int end = 0;
      d = Duration.ZERO;
      while (m.find() && m.start() == end) {
        long n = Long.parseLong(m.group(1));
        d = d.plus(switch (m.group(2)) {
          case "d" -> Duration.ofDays(n);
          case "h" -> Duration.ofHours(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofSeconds(n);
        });
        end = m.end();
      }
      if (end != t.length()) {
        d = null;
      }
    }
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(option + ": '" + text
          + "' is not a positive duration (examples: 90s, 45m, 24h, 2d, 1h30m, PT24H)");
    }
    return d;
  }
}
