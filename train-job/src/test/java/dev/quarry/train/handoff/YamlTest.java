package dev.quarry.train.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTest {

  @Test
  void rendersBlockStyleWithQuotedStringsAndPlainDecimals() {
    // keys YAML 1.1 reads as booleans (n, on) are quoted, so PyYAML keeps them strings
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", "yes: #1 \"q\" \\ \n");
    doc.put("lr", 2e-4);
    doc.put("epochs", 2.0);
    doc.put("n", 3);
    doc.put("on", true);
    doc.put("mods", List.of("a", "b"));
    doc.put("none", List.of());
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("k", "v");
    inner.put("m", Map.of("x", 1));
    doc.put("items", List.of(inner));
    assertThat(Yaml.render(doc)).isEqualTo("""
        name: "yes: #1 \\"q\\" \\\\ \\n"
        lr: 0.0002
        epochs: 2.0
        "n": 3
        "on": true
        mods:
          - "a"
          - "b"
        none: []
        items:
          - k: "v"
            m:
              x: 1
        """);
  }

  /** PyYAML's YAML 1.1 float pattern ({@code resolver.py}): a dot is required, an exponent needs its sign. */
  private static final java.util.regex.Pattern PYYAML_FLOAT =
      java.util.regex.Pattern.compile("[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?");

  @Test
  void floatsAreWrittenSoThatPyYamlReadsThemAsFloats() {
    for (double d : new double[] {2e-4, 1e-10, 1.5e-7, 0.05, 3.0, 1e22, -0.25}) {
      String line = Yaml.render(Map.of("x", d));
      String scalar = line.substring("x: ".length(), line.length() - 1);
      assertThat(scalar).as("%s", d).matches(PYYAML_FLOAT).doesNotContainIgnoringCase("e");
      assertThat(Double.parseDouble(scalar)).isEqualTo(d);
    }
    // Java's (and Jackson's) own double form would be read by PyYAML as a string
    assertThat(Double.toString(1e22)).isEqualTo("1.0E22").doesNotMatch(PYYAML_FLOAT.pattern());
  }

  @Test
  void rejectsNullsAndNonFiniteNumbers() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("x", Double.NaN);
    assertThatThrownBy(() -> Yaml.render(doc)).isInstanceOf(IllegalArgumentException.class);
    doc.put("x", null);
    assertThatThrownBy(() -> Yaml.render(doc)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void roundTripsThroughABlockParser() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("path", "/data/my set/jsonl");
    inner.put("data_files", List.of("/a b.jsonl", "/c.jsonl"));
    inner.put("mapping", new LinkedHashMap<>(Map.of("role", "role")));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("base_model", "Qwen/Qwen2.5-Coder-7B-Instruct");
    doc.put("datasets", List.of(inner));
    doc.put("lora_target_modules", List.of("q_proj", "v_proj"));
    Object parsed = MiniYaml.parse(Yaml.render(doc));
    assertThat(parsed).isEqualTo(doc);
  }

  /** Test-only parser for the emitter's subset (block maps and lists, double-quoted strings, plain scalars). */
  static final class MiniYaml {
    private final List<String> lines = new ArrayList<>();
    private int pos;

    static Object parse(String text) {
      MiniYaml p = new MiniYaml();
      for (String l : text.split("\n")) {
        if (!l.isBlank() && !l.stripLeading().startsWith("#")) {
          p.lines.add(l);
        }
      }
      return p.block(0);
    }

    private static int indent(String l) {
      int i = 0;
      while (i < l.length() && l.charAt(i) == ' ') {
        i++;
      }
      return i;
    }

    private Object block(int ind) {
      if (lines.get(pos).substring(ind).startsWith("- ")) {
        List<Object> list = new ArrayList<>();
        while (pos < lines.size() && indent(lines.get(pos)) == ind && lines.get(pos).substring(ind).startsWith("- ")) {
          String rest = lines.get(pos).substring(ind + 2);
          if (rest.matches("[A-Za-z_][A-Za-z0-9_.-]*:.*")) {
            lines.set(pos, " ".repeat(ind + 2) + rest);
            list.add(block(ind + 2));
          } else {
            list.add(scalar(rest));
            pos++;
          }
        }
        return list;
      }
      Map<String, Object> map = new LinkedHashMap<>();
      while (pos < lines.size() && indent(lines.get(pos)) == ind && !lines.get(pos).substring(ind).startsWith("- ")) {
        String l = lines.get(pos).substring(ind);
        int colon = l.indexOf(':');
        String key = l.substring(0, colon);
        String rest = l.substring(colon + 1).strip();
        pos++;
        if (rest.isEmpty()) {
          map.put(key, block(indent(lines.get(pos))));
        } else {
          map.put(key, scalar(rest));
        }
      }
      return map;
    }

    private static Object scalar(String s) {
      if (s.startsWith("\"")) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
          char c = s.charAt(i);
          if (c == '\\') {
            char e = s.charAt(++i);
            sb.append(switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> e;
            });
          } else {
            sb.append(c);
          }
        }
        return sb.toString();
      }
      if (s.equals("[]")) {
        return List.of();
      }
      if (s.equals("true") || s.equals("false")) {
        return Boolean.valueOf(s);
      }
      return s.contains(".") ? (Object) Double.valueOf(s) : (Object) Integer.valueOf(s);
    }
  }
}
