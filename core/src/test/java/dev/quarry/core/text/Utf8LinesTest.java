package dev.quarry.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8LinesTest {

  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      } else {
        for (int x : (int[]) p) {
          b.write(x);
        }
      }
    }
    return b.toByteArray();
  }

  @Test
  void invalidBytesAreReportedWithTheirLineAndByteAndReplaced() {
    List<Utf8Lines.Line> lines = Utf8Lines.split(bytes("ok é\r\n", "ab", new int[] {0xFF}, "c\n",
        "x", new int[] {0xED, 0xA0, 0x80}, "\n", "last"));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo(new Utf8Lines.Line(1, "ok é", null));
    assertThat(lines.get(1).problem()).isEqualTo("invalid UTF-8 at byte 3 of the line (0xFF)");
    assertThat(lines.get(1).text()).isEqualTo("ab\uFFFDc");
    assertThat(lines.get(2).problem()).as("a UTF-8-encoded surrogate (CESU) is invalid").startsWith(
        "invalid UTF-8 at byte 2 of the line (0xED)");
    assertThat(lines.get(3)).isEqualTo(new Utf8Lines.Line(4, "last", null));
  }

  @Test
  void strictDecodingNamesTheSourceAndLine() {
    assertThatThrownBy(() -> Utf8Lines.strict(bytes("{}\n{}\n", "{\"q\": \"", new int[] {0xC3, 0x28}, "\"}"), "bank.jsonl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bank.jsonl line 3: invalid UTF-8 at byte 8 of the line (0xC3); save the file as UTF-8");
    assertThat(Utf8Lines.strict(bytes(new int[] {0xEF, 0xBB, 0xBF}, "a\nb\n"), "x")).containsExactly("a", "b");
  }
}
