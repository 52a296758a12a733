package dev.quarry.pipelines;

import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.model.SqlGenerator;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlExecutor;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.pipelines.ask.Answer;
import dev.quarry.pipelines.ask.AnswerPrinter;
import dev.quarry.pipelines.ask.AskSession;
import dev.quarry.pipelines.ask.OutputFormat;
import dev.quarry.train.DecodeSettings;
import dev.quarry.train.DjlSqlGenerator;
import dev.quarry.train.ModelFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quarry ask "question"} or {@code quarry ask --questions FILE}: asks the trained model, shows its SQL
 * laid out for reading and runs it on the seed data, printing the result as a table, CSV or JSON Lines.
 *
 * <p>The question(s) are checked before anything is loaded: exactly one of QUESTION and
 * {@code --questions}, no empty question, a readable file with at least one question. The model and the
 * seed data are loaded once for all questions. Exit codes: {@value QuarryCli#EXIT_OK} every question got a
 * result; {@value QuarryCli#EXIT_FAILED} at least one did not (no complete SQL, or the SQL did not run; the
 * others are still answered); {@value QuarryCli#EXIT_USAGE} bad command line, empty question, unreadable
 * questions file, no trained model or no seed data.
 */
@Command(name = "ask", header = "Ask the trained model a question; print its SQL and the result.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Asks the trained model a question, shows the SQL it wrote and runs it on the seed data.",
      "Give one QUESTION, or many with --questions FILE (the model is loaded once).",
      "Only complete SQL is shown: candidates with unfilled placeholders such as <year_1> are left out."
    },
    footer = {
      "",
      "Exit codes: 0 every question got a result, 1 at least one did not (no complete SQL, or it does not run),",
      "2 bad command line, empty question, unreadable --questions file, no trained model or no seed data.",
      "Examples:",
      "  quarry ask \"How many students were chronically absent last year?\"",
      "  quarry ask --format csv \"attendance rate by school this year\" > rates.csv",
      "  quarry ask --questions questions.txt --format json > answers.jsonl"
    })
public final class AskCommand implements Callable<Integer> {

  @Mixin DataOptions data;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "QUESTION",
      description = "The question, in quotes. Give it or --questions FILE, not both.")
  String question;

  @Option(names = "--questions", paramLabel = "FILE",
      description = "Answer every question in FILE, one per line (UTF-8; blank lines and lines starting with #"
          + " are skipped), loading the model once; instead of QUESTION (default: none).")
  Path questionsFile;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "Output: ${COMPLETION-CANDIDATES}. table: the SQL, then an aligned table (decimals rounded"
          + " to 6 places); csv: only the result on standard output (header row, RFC 4180 quoting), the SQL on"
          + " standard error; json: one JSON object per question and line (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--show-rows", paramLabel = "N", defaultValue = "50",
      description = "Most result rows printed per question; the output says when rows were left out"
          + " (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Option(names = {"-v", "--verbose"}, defaultValue = "false",
      description = "Also print the model's score (log-probability), the decoding time and the other complete"
          + " candidates (default: ${DEFAULT-VALUE}).")
  boolean verbose;

  @Option(names = "--model", paramLabel = "DIR|ID", defaultValue = "latest",
      description = "Model directory, model id under <workspace>/models, or 'latest' for the model named by"
          + " models/LATEST (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--beam", paramLabel = "N", defaultValue = "1",
      description = "Beam width: 1 decodes greedily; N > 1 keeps N candidates, the best complete one runs"
          + " (default: ${DEFAULT-VALUE}).")
  int beam;

  @Option(names = "--execution-guided", defaultValue = "false",
      description = "Run the first candidate that executes without error rather than the best-scored one"
          + " (default: ${DEFAULT-VALUE}).")
  boolean guided;

  @Override
  public Integer call() {
    // Cheap checks first: nothing is loaded until the command line makes sense.
    Checked c = UsageException.checked(spec, this::check);
    SandboxSettings sandboxSettings = SandboxSettings.defaults();
    if (maxRows > sandboxSettings.maxRows()) {
      sandboxSettings = sandboxSettings.withMaxRows(maxRows);
    }
    try (SqlSandbox sandbox = SqlSandbox.open(DomainLoader.load(data.domain), c.seedDir(), sandboxSettings);
        DjlSqlGenerator gen = DjlSqlGenerator.open(c.modelDir(), Optional.of(sandbox), c.decode())) {
      return answerAll(c.questions(), gen, sandbox, System.out, System.err);
    }
  }

  /**
   * What {@link #check} found.
   *
   * @param questions the questions, in order
   * @param decode decoding settings
   * @param modelDir the embedded model's directory
   * @param seedDir the seed data's directory
   */
  private record Checked(List<String> questions, DecodeSettings decode, Path modelDir, Path seedDir) {}

  /**
   * The command line's checks, before anything loads: the questions, {@code --show-rows}, {@code --beam}, an
   * embedded model at {@code --model} and the seed data.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  private Checked check() {
    List<String> questions = questions();
    if (maxRows < 1) {
      throw new IllegalArgumentException("--show-rows must be at least 1 (was " + maxRows + ")");
    }
    DecodeSettings decode = new DecodeSettings(beam, guided);
    var ws = data.workspace();
    Path dir = ModelFiles.resolve(ws.root().resolve("models"), model);
    ModelFiles.requireEmbedded(dir); // an external model is named as such before the seed data loads
    Path seedDir = ws.seedDir(data.domain, data.seed, data.scale());
    if (!Files.isDirectory(seedDir)) {
      throw new IllegalArgumentException("no seed data at " + seedDir + ": run 'quarry seed' (or 'quarry run')"
          + " with the same --domain, --seed and --scale first");
    }
    return new Checked(questions, decode, dir, seedDir);
  }

  /**
   * Answers {@code questions} in order with one generator and executor, printing each answer as it comes.
   *
   * @param questions non-blank questions
   * @param generator the model (not closed here)
   * @param executor runs SQL on the seed data (not closed here)
   * @param out standard output
   * @param err standard error
   * @return {@link QuarryCli#EXIT_OK} when every question got a result, else {@link QuarryCli#EXIT_FAILED}
   */
  int answerAll(List<String> questions, SqlGenerator generator, SqlExecutor executor, PrintStream out,
      PrintStream err) {
    boolean many = questionsFile != null;
    AnswerPrinter printer = new AnswerPrinter(format, verbose, many, out, err);
    AskSession session = new AskSession(generator, executor, maxRows);
    int failed = 0;
    for (String q : questions) {
      Answer a = session.answer(q);
      printer.print(a);
      if (!a.ok()) {
        failed++;
      }
    }
    if (many && failed > 0) {
      err.println("quarry: " + failed + " of " + questions.size() + " questions got no result");
    }
    return failed == 0 ? QuarryCli.EXIT_OK : QuarryCli.EXIT_FAILED;
  }

  /**
   * The questions to answer, checked without loading anything.
   *
   * @return one question, or the questions of {@code --questions} in file order
   * @throws IllegalArgumentException (a usage error) when neither or both of QUESTION and
   *     {@code --questions} are given, the question is empty, or the file cannot be read or holds no question
   */
  List<String> questions() {
    if (question != null && questionsFile != null) {
      throw new IllegalArgumentException("give either a QUESTION or --questions FILE, not both");
    }
    if (questionsFile == null) {
      if (question == null) {
        throw new IllegalArgumentException("no question: give one in quotes, e.g. quarry ask \"How many students"
            + " are enrolled this year?\", or many with --questions FILE");
      }
      if (question.isBlank()) {
        throw new IllegalArgumentException("the question is empty: ask in words, e.g. quarry ask \"How many"
            + " students are enrolled this year?\"");
      }
      return List.of(question.strip());
    }
    return readQuestions(questionsFile);
  }

  /**
   * Reads a questions file: one question per line, UTF-8; blank lines and lines whose first non-blank
   * character is {@code #} are skipped; surrounding whitespace is removed.
   *
   * @param file the file
   * @return the questions in file order (at least one)
   * @throws IllegalArgumentException when the file is missing, unreadable, not UTF-8 or holds no question
   */
  static List<String> readQuestions(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--questions: no such file: " + file);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException("--questions: " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new IllegalArgumentException("--questions: cannot read " + file + ": " + e.getMessage());
    }
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String q = line.replace("\uFEFF", "").strip();
      if (!q.isEmpty() && !q.startsWith("#")) {
        out.add(q);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--questions: " + file + " holds no question (blank lines and lines"
          + " starting with # are skipped)");
    }
    return out;
  }
}
