package dev.quarry.train.handoff;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the trainer configs as YAML with jackson-dataformat-yaml: block style, two-space indent, list items
 * indented under their key, no document start marker, no line folding. Strings are double-quoted with YAML
 * escapes, so values such as {@code yes}, {@code 1e-4}, {@code null} or paths with {@code :} or {@code #} stay
 * strings. Floating-point numbers are written in plain decimal with a dot ({@code 0.0002}, never
 * {@code 1.0E22}): PyYAML (used by axolotl and LLaMA-Factory) resolves floats by the YAML 1.1 regex
 * ({@code [-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?}, PyYAML's {@code resolver.py}), which reads
 * {@code 1e-4} (no dot) or {@code 1.0E22} (no sign after the {@code E}) as a string. Keys that YAML 1.1 reads
 * as booleans ({@code on}, {@code n}, …) are quoted.
 *
 * <p>Input: {@code Map<String, ?>} (insertion order kept), {@code List<?>}, {@code String}, {@link Path},
 * {@code Boolean}, integral {@code Number}s and {@code Double}/{@code Float}.
 */
public final class Yaml {

  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .build())
      .registerModule(new SimpleModule("quarry-yaml")
          .addSerializer(Double.class, new PlainDecimal<>())
          .addSerializer(Float.class, new PlainDecimal<>())
          .addSerializer(Path.class, ToStringSerializer.instance));

  static {
    YAML.getSerializerProvider().setNullValueSerializer(new JsonSerializer<Object>() {
      @Override
      public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) {
        throw new IllegalArgumentException("YAML: null values are not supported");
      }
    });
  }

  private Yaml() {}

  /**
   * Renders a top-level mapping.
   *
   * @throws IllegalArgumentException on a null value or a non-finite number
   */
  public static String render(Map<String, ?> document) {
    try {
      return YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("YAML: " + e.getOriginalMessage(), e);
    }
  }

  /** A finite number in plain decimal notation with a dot, e.g. {@code 0.0002}, {@code 2.0}. */
  static String plainDecimal(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("YAML: non-finite number " + d);
    }
    String s = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    return s.contains(".") ? s : s + ".0";
  }

  /** Writes floating-point numbers as {@link #plainDecimal}. */
  private static final class PlainDecimal<N extends Number> extends JsonSerializer<N> {
    @Override
    public void serialize(N value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeNumber(plainDecimal(value.doubleValue()));
    }
  }
}
