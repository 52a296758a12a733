package dev.quarry.pipelines;

import static dev.quarry.pipelines.ask.Fakes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.pipelines.ask.Fakes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quarry ask}: what is refused before anything loads, the questions file, exit codes, help. */
class AskCommandTest {

  @TempDir Path tmp;

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  /**
   * The workspace has no model and no seed data: a refusal that names the question (not the missing model)
   * shows that the question was checked before anything was loaded.
   */
  @Test
  void anEmptyOrBlankQuestionIsRefusedBeforeTheModelLoads() {
    for (String blank : List.of("", "   ", " \t\n ")) {
      console.reset();
      long t0 = System.nanoTime();
      int code = QuarryCli.execute("ask", "--workspace", tmp.toString(), blank);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(code).isEqualTo(QuarryCli.EXIT_USAGE);
      assertThat(console.stderr()).startsWith("quarry: error: the question is empty").doesNotContain("model");
      assertThat(ms).as("refusal time in ms").isLessThan(5_000);
      // reset() clears stdout too, so it is checked for each question rather than once after the loop.
      assertThat(console.stdout()).isEmpty();
    }
    assertThat(tmp.resolve("models")).doesNotExist();
    assertThat(tmp.resolve("cache")).doesNotExist();
  }

  @Test
  void exactlyOneOfQuestionAndQuestionsFileIsRequired() throws Exception {
    assertThat(QuarryCli.execute("ask", "--workspace", tmp.toString())).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("no question: give one in quotes");
    Path file = Files.writeString(tmp.resolve("q.txt"), "how many students?\n");
    assertThat(QuarryCli.execute("ask", "--workspace", tmp.toString(), "--questions", file.toString(), "why?"))
        .isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("give either a QUESTION or --questions FILE, not both");
  }

  @Test
  void aQuestionsFileWithoutQuestionsOrMissingIsRefused() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.txt"), "# only a comment\n\n   \n");
    assertThat(QuarryCli.execute("ask", "--workspace", tmp.toString(), "--questions", empty.toString()))
        .isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("holds no question");
    assertThat(QuarryCli.execute("ask", "--workspace", tmp.toString(), "--questions", tmp.resolve("nope").toString()))
        .isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("--questions: no such file");
  }

  @Test
  void badOptionValuesAreUsageErrors() {
    assertThat(QuarryCli.execute("ask", "--workspace", tmp.toString(), "--show-rows", "0", "q?"))
        .isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("--show-rows must be at least 1");
    assertThat(QuarryCli.execute("ask", "--workspace", tmp.toString(), "--format", "xml", "q?"))
        .isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("--format").contains("table, csv, json");
    assertThat(QuarryCli.execute("ask", "--workspace", tmp.toString(), "q?")).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("no trained model");
  }

  @Test
  void questionsFilesSkipBlankAndCommentLines() throws Exception {
    Path file = tmp.resolve("q.txt");
    Files.writeString(file, "\uFEFF# attendance\nHow many students?\n\n  # indented comment\n  Which school is largest?  \n");
    assertThat(AskCommand.readQuestions(file)).containsExactly("How many students?", "Which school is largest?");
  }

  /** Many questions, one model: every answer printed as JSON Lines, exit 1 when one got no result. */
  @Test
  void manyQuestionsAreAnsweredInOrderAndOneFailureGivesExitCode1() throws Exception {
    Path file = Files.writeString(tmp.resolve("q.txt"), "first\nsecond\n");
    AskCommand ask = new AskCommand();
    new CommandLine(ask).parseArgs("--workspace", tmp.toString(), "--questions", file.toString(), "--format", "json");
    Fakes.Executor seed = new Fakes.Executor(sql -> sql.contains("nme")
        ? Fakes.error("Binder Error: column \"nme\" not found")
        : Fakes.ok(List.of("n"), List.of(row(3L))));
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = ask.answerAll(ask.questions(), Fakes.generator("SELECT COUNT ( * ) AS n FROM students", -0.1), seed,
        new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(QuarryCli.EXIT_OK);
    List<String> lines = o.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode second = new ObjectMapper().readTree(lines.get(1));
    assertThat(second.get("question").asText()).isEqualTo("second");
    assertThat(second.get("rows").toString()).isEqualTo("[[3]]");

    o.reset();
    code = ask.answerAll(ask.questions(), Fakes.generator("SELECT nme FROM students", -0.1), seed,
        new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(o.toString(StandardCharsets.UTF_8).lines()).hasSize(2)
        .allMatch(l -> l.contains("\"error\":\"the SQL does not run: DuckDB error: Binder Error"));
    assertThat(e.toString(StandardCharsets.UTF_8)).contains("quarry: 2 of 2 questions got no result");
  }

  @Test
  void helpDescribesEveryAskOptionWithItsDefault() {
    assertThat(QuarryCli.execute("ask", "--help")).isZero();
    String help = console.stdout();
    assertThat(help).contains("[QUESTION]", "--questions=FILE", "(default: none)", "--format=FORMAT",
        "table, csv, json", "(default: table)", "--show-rows=N", "(default: 50)", "--verbose", "(default: false)",
        "--model=DIR|ID", "(default: latest)", "--beam=N", "(default: 1)", "--execution-guided");
    var spec = new CommandLine(new AskCommand()).getCommandSpec();
    for (var option : spec.options()) {
      if (option.longestName().matches("--(questions|format|show-rows|verbose|model|beam|execution-guided)")) {
        assertThat(String.join(" ", option.description())).as(option.longestName()).contains("(default: ");
      }
    }
  }
}
