package dev.quarry.train.handoff;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A small YAML emitter for the fixed shapes of the trainer configs (no YAML library is on the classpath).
 *
 * <p>Input: {@code Map<String, ?>} (insertion order kept), {@code List<?>}, {@code String}, {@code Boolean},
 * integral {@code Number}s and {@code Double}/{@code Float}. Output: block style, two-space indent.
 * Every string is double-quoted with YAML escapes ({@code \\ \" \n \t \r}, other control characters as
 * {@code \\uXXXX}; YAML 1.2 §5.7 "Escaped Characters"), so values such as {@code yes}, {@code 1e-4},
 * {@code null} or paths with {@code :} or {@code #} stay strings. Floating-point numbers are written in
 * plain decimal with a dot ({@code 0.0002}, never {@code 2.0E-4}): PyYAML (used by axolotl and LLaMA-Factory)
 * resolves floats by the YAML 1.1 regex, which reads {@code 1e-4} without a dot as a string.
 * Keys must match {@code [A-Za-z_][A-Za-z0-9_.-]*} and are written bare.
 */
public final class Yaml {

  private Yaml() {}

  /**
   * Renders a top-level mapping.
   *
   * @throws IllegalArgumentException on a null value, an unsupported type, a non-finite number or a bad key
   */
  public static String render(Map<String, ?> document) {
    StringBuilder sb = new StringBuilder();
    writeMap(sb, document, 0);
    return sb.toString();
  }

  private static void writeMap(StringBuilder sb, Map<?, ?> map, int indent) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      sb.append(" ".repeat(indent));
      writeEntry(sb, e, indent);
    }
  }

  private static void writeEntry(StringBuilder sb, Map.Entry<?, ?> e, int indent) {
    String key = String.valueOf(e.getKey());
    if (!key.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("YAML key not supported: '" + key + "'");
    }
    sb.append(key).append(':');
    Object v = e.getValue();
    if (v instanceof Map<?, ?> m && !m.isEmpty()) {
      sb.append('\n');
      writeMap(sb, m, indent + 2);
    } else if (v instanceof List<?> l && !l.isEmpty()) {
      sb.append('\n');
      writeList(sb, l, indent + 2);
    } else {
      sb.append(' ').append(scalar(v)).append('\n');
    }
  }

  private static void writeList(StringBuilder sb, List<?> list, int indent) {
    for (Object item : list) {
      sb.append(" ".repeat(indent)).append("- ");
      if (item instanceof Map<?, ?> m && !m.isEmpty()) {
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) {
            sb.append(" ".repeat(indent + 2));
          }
          writeEntry(sb, e, indent + 2);
          first = false;
        }
      } else if (item instanceof List<?> l && !l.isEmpty()) {
        throw new IllegalArgumentException("YAML emitter: nested non-empty lists are not supported");
      } else {
        sb.append(scalar(item)).append('\n');
      }
    }
  }

  /** One scalar (or empty collection) in flow form. */
  static String scalar(Object v) {
    if (v == null) {
      throw new IllegalArgumentException("YAML emitter: null values are not supported");
    }
    if (v instanceof Map<?, ?>) {
      return "{}";
    }
    if (v instanceof List<?>) {
      return "[]";
    }
    if (v instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("YAML emitter: non-finite number " + d);
      }
      String s = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
      return s.contains(".") ? s : s + ".0";
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return v.toString();
    }
    if (v instanceof CharSequence || v instanceof java.nio.file.Path) {
      return quote(v.toString());
    }
    throw new IllegalArgumentException("YAML emitter: unsupported value type " + v.getClass().getName());
  }

  /** Double-quoted YAML string with escapes. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
