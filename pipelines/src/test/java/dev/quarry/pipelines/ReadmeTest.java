package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps README.md trustworthy for a newcomer: no paragraph twice, and every section that reports a measured
 * speed or duration says when (a date) and how (a command in backticks) it was measured.
 */
class ReadmeTest {

  /** Units that only appear next to a measured figure. */
  private static final Pattern MEASURED = Pattern.compile(
      "\\d[\\d,.]*\\s*(tokens/s|queries/s|rows/s|pairs/s|s/step|s/epoch|min \\d+ s|GFLOP/s)");
  private static final Pattern DATE = Pattern.compile("20\\d\\d-\\d\\d-\\d\\d");
  private static final Pattern COMMAND = Pattern.compile("`(\\./quarry|mvn|time |java )[^`]*`");

  private static List<String> readme() throws Exception {
    Path p = Path.of("..", "README.md");
    if (!Files.exists(p)) {
      p = Path.of("README.md");
    }
    return Files.readAllLines(p);
  }

  /** Paragraphs of prose: blank-line separated, code blocks and table rows left out. */
  private static List<String> paragraphs(List<String> lines) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean code = false;
    for (String l : lines) {
      if (l.startsWith("```")) {
        code = !code;
        continue;
      }
      if (code || l.startsWith("|") || l.startsWith("#")) {
        continue;
      }
      if (l.isBlank()) {
        if (cur.length() > 0) {
          out.add(cur.toString().trim());
          cur.setLength(0);
        }
      } else {
        cur.append(l.trim()).append(' ');
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString().trim());
    }
    return out;
  }

  @Test
  void noParagraphAppearsTwice() throws Exception {
    Map<String, Integer> seen = new HashMap<>();
    List<String> twice = new ArrayList<>();
    for (String p : paragraphs(readme())) {
      // punctuation and spacing ignored: a copy edited by a comma is still a copy
      String key = p.toLowerCase().replaceAll("[^a-z0-9]+", "");
      if (key.length() >= 50 && seen.merge(key, 1, Integer::sum) == 2) {
        twice.add(p);
      }
    }
    assertThat(twice).as("paragraphs that appear more than once in README.md").isEmpty();
  }

  @Test
  void everySectionWithMeasuredFiguresGivesADateAndACommand() throws Exception {
    List<String> bad = new ArrayList<>();
    String heading = "(top)";
    StringBuilder section = new StringBuilder();
    List<String> lines = new ArrayList<>(readme());
    lines.add("## (end)");
    boolean code = false;
    for (String l : lines) {
      if (l.startsWith("```")) {
        code = !code;
      }
      if (!code && l.startsWith("#")) {
        String text = section.toString();
        if (MEASURED.matcher(text).find() && (!DATE.matcher(text).find() || !COMMAND.matcher(text).find())) {
          bad.add(heading);
        }
        heading = l;
        section.setLength(0);
      } else {
        section.append(l).append('\n');
      }
    }
    assertThat(bad).as("README sections with measured figures but no date or no command in backticks").isEmpty();
  }
}
