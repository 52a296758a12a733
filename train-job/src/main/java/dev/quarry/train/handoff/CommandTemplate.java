package dev.quarry.train.handoff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user-given command line with placeholders, turned into an argv without a shell.
 *
 * <p><b>Splitting</b> follows the POSIX shell's quoting rules for words (POSIX.1-2017, XCU 2.2 "Quoting"),
 * without any expansion: unquoted whitespace separates words; {@code '...'} is literal; inside {@code "..."} a
 * backslash escapes only {@code \ " $ `} and newline; outside quotes a backslash escapes the next character.
 * There are no pipes, redirections, variables or globs: for those, run a shell explicitly and pass the values
 * as positional arguments, e.g. {@code bash -c 'sbatch --wait train.sh "$1" > "$2/log"' _ {spec} {output}}.
 *
 * <p><b>Placeholders</b> are substituted <em>after</em> splitting, inside each word, so a value containing
 * spaces or quotes stays one argument and is never re-parsed: {@code {spec}} (job spec JSON), {@code {dataset}}
 * (dataset directory), {@code {output}} (directory the job must write its model into), {@code {model_id}},
 * {@code {axolotl}} (axolotl YAML) and {@code {llamafactory}} (LLaMA-Factory YAML). Any other
 * {@code {lower_case}} token is rejected as a likely typo, except after {@code $} (a shell variable such as
 * {@code ${foo}} inside a {@code bash -c} script is left alone). The same values are also exported to the
 * process environment as {@code QUARRY_SPEC}, {@code QUARRY_DATASET}, {@code QUARRY_OUTPUT},
 * {@code QUARRY_MODEL_ID}, {@code QUARRY_AXOLOTL_CONFIG}, {@code QUARRY_LLAMAFACTORY_CONFIG}.
 */
public final class CommandTemplate {

  /** The placeholder names understood by {@link #expand}. */
  public static final Set<String> PLACEHOLDERS =
      Set.of("spec", "dataset", "output", "model_id", "axolotl", "llamafactory");

  private static final Pattern PLACEHOLDER = Pattern.compile("(\\$?)\\{([a-z_][a-z0-9_]*)}");

  private final List<String> words;

  private CommandTemplate(List<String> words) {
    this.words = List.copyOf(words);
  }

  /**
   * Splits {@code template} into words (see class comment).
   *
   * @throws IllegalArgumentException (naming {@code --command}) on an empty template, an unterminated quote,
   *     a trailing backslash or an unknown placeholder
   */
  public static CommandTemplate parse(String template) {
    List<String> words = split(template);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("--command is empty: give the external training command");
    }
    for (String w : words) {
      Matcher m = PLACEHOLDER.matcher(w);
      while (m.find()) {
        if (m.group(1).isEmpty() && !PLACEHOLDERS.contains(m.group(2))) {
          throw new IllegalArgumentException("--command: unknown placeholder {" + m.group(2) + "} in '" + template
              + "' (known: {spec}, {dataset}, {output}, {model_id}, {axolotl}, {llamafactory})");
        }
      }
    }
    return new CommandTemplate(words);
  }

  /** The words before substitution. */
  public List<String> words() {
    return words;
  }

  /**
   * The argv with placeholders replaced by {@code values} (placeholder name → value).
   *
   * @throws IllegalArgumentException if a used placeholder has no value
   */
  public List<String> expand(Map<String, String> values) {
    List<String> argv = new ArrayList<>(words.size());
    for (String w : words) {
      Matcher m = PLACEHOLDER.matcher(w);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String replacement;
        if (!m.group(1).isEmpty() || !PLACEHOLDERS.contains(m.group(2))) {
          replacement = m.group();
        } else {
          replacement = values.get(m.group(2));
          if (replacement == null) {
            throw new IllegalArgumentException("--command: no value for placeholder {" + m.group(2) + "}");
          }
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(sb);
      argv.add(sb.toString());
    }
    return argv;
  }

  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("--command: unterminated ' quote in: " + s);
        }
        cur.append(s, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char d = s.charAt(i);
          if (d == '"') {
            closed = true;
            i++;
            break;
          }
          if (d == '\\' && i + 1 < n && "\\\"$`\n".indexOf(s.charAt(i + 1)) >= 0) {
            if (s.charAt(i + 1) != '\n') {
              cur.append(s.charAt(i + 1));
            }
            i += 2;
          } else {
            cur.append(d);
            i++;
          }
        }
        if (!closed) {
          throw new IllegalArgumentException("--command: unterminated \" quote in: " + s);
        }
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= n) {
          throw new IllegalArgumentException("--command: trailing backslash in: " + s);
        }
        if (s.charAt(i + 1) != '\n') {
          cur.append(s.charAt(i + 1));
          inWord = true;
        }
        i += 2;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
        i++;
      } else {
        cur.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}
