package dev.quarry.eval.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.core.text.Utf8Lines;
import dev.quarry.core.workspace.Sha256;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Quarry's own bank format: JSONL, one object per line with {@code id}, {@code question},
 * {@code gold_sql} (a string or a list of acceptable alternatives), {@code category}, {@code difficulty}
 * (easy|medium|hard|extra) and optional {@code notes}. Blank lines are skipped.
 */
public final class JsonlBankReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonlBankReader() {}

  /**
   * Parses a bank.
   *
   * @param bytes the file's bytes (UTF-8)
   * @param source file name for messages
   * @return the bank
   * @throws IllegalArgumentException naming the source and line number for malformed lines or fields, and for
   *     bytes that are not valid UTF-8 (they used to be replaced silently)
   */
  public static QueryBank parse(byte[] bytes, String source) {
    List<BankQuestion> out = new ArrayList<>();
    List<String> lines = Utf8Lines.strict(bytes, source);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(line);
        if (n == null || !n.isObject()) {
          throw new IllegalArgumentException("not a JSON object");
        }
        out.add(new BankQuestion(text(n, "id"), text(n, "question"), gold(n.get("gold_sql")), text(n, "category"),
            text(n, "difficulty"), text(n, "notes")));
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new QueryBank(source, Sha256.ofBytes(bytes), out);
  }

  private static List<String> gold(JsonNode g) {
    List<String> out = new ArrayList<>();
    if (g == null || g.isNull()) {
      return out;
    }
    if (g.isArray()) {
      g.forEach(x -> out.add(x.asText()));
    } else {
      out.add(g.asText());
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
