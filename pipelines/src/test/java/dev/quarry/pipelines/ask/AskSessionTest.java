package dev.quarry.pipelines.ask;

import static dev.quarry.pipelines.ask.Fakes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing, running and printing an answer, with a fake model and fake seed data. */
class AskSessionTest {

  private static final String WITH_YEAR = "SELECT COUNT ( * ) FROM attendance WHERE school_year = <year_1>";
  private static final String COMPLETE = "SELECT school_name , COUNT ( * ) AS n FROM attendance GROUP BY school_name";
  private static final String OTHER = "SELECT COUNT ( DISTINCT school_name ) FROM attendance";
  private static final String WITH_ACTION = "SELECT COUNT ( * ) FROM discipline WHERE action = <actions_1>";

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  private static final List<List<Object>> TWO_SCHOOLS = List.of(row("Kennedy Prep", 412L), row("Lee, \"East\"", 9L));

  private static Fakes.Executor seed() {
    return new Fakes.Executor(sql -> Fakes.ok(List.of("school_name", "n"), TWO_SCHOOLS));
  }

  private static Answer ask(Fakes.Executor executor, int maxRows) {
    return new AskSession(Fakes.generator(WITH_YEAR, -0.4, COMPLETE, -1.25, WITH_ACTION, -1.5, OTHER, -2.5),
        executor, maxRows).answer("how many absences per school");
  }

  @Test
  void candidatesWithPlaceholdersAreNeitherRunNorShown() {
    Fakes.Executor seed = seed();
    Answer a = ask(seed, 50);
    assertThat(seed.ran).containsExactly(COMPLETE);
    assertThat(a.sql()).isEqualTo(COMPLETE);
    assertThat(a.score()).isEqualTo(-1.25);
    assertThat(a.alternatives()).extracting(c -> c.sql()).containsExactly(OTHER);
    assertThat(a.hidden()).isEqualTo(2);
    assertThat(a.hiddenPlaceholders()).containsExactly("<year_1>", "<actions_1>");

    new AnswerPrinter(OutputFormat.table, true, false, out, err).print(a);
    // The hidden candidates' SQL and scores appear nowhere; only the placeholders are named.
    assertThat(out()).doesNotContain("discipline", "school_year =", "-0.400", "-1.500");
    assertThat(out()).contains("score: -1.250 (the model's log-probability of this SQL",
        "other complete candidates:\n  score -2.500: SELECT COUNT(DISTINCT school_name) FROM attendance",
        "not shown: 2 incomplete candidates (unfilled placeholders: <year_1>, <actions_1>)", "decoding: 212.3 ms");
  }

  @Test
  void tableOutputIsTheLaidOutSqlThenAnAlignedTableWithoutAnUnlabelledScore() {
    Answer a = ask(seed(), 50);
    new AnswerPrinter(OutputFormat.table, false, false, out, err).print(a);
    assertThat(out()).isEqualTo("""
        SELECT
          school_name,
          COUNT(*) AS n
        FROM
          attendance
        GROUP BY
          school_name

         school_name  | n
        --------------+-----
         Kennedy Prep | 412
         Lee, "East"  |   9
        (2 rows)
        """);
    assertThat(err()).isEmpty();
  }

  @Test
  void rowsBeyondTheLimitAreCutAndTheOutputSaysSo() {
    Answer a = ask(seed(), 1);
    assertThat(a.rows()).hasSize(1);
    assertThat(a.truncated()).isTrue();
    new AnswerPrinter(OutputFormat.table, false, false, out, err).print(a);
    assertThat(out()).contains(" Kennedy Prep | 412\n(first 1 of 2 rows; --show-rows shows more)")
        .doesNotContain("Lee");
  }

  @Test
  void aResultOverTheSandboxCapShowsItsFirstRowsWithALowerBound() {
    Fakes.Executor big = new Fakes.Executor(sql -> sql.startsWith("SELECT * FROM (")
        ? Fakes.ok(List.of("school_name", "n"), TWO_SCHOOLS)
        : Fakes.tooManyRows(List.of("school_name", "n"), 10_000));
    Answer a = ask(big, 2);
    assertThat(big.ran).hasSize(2);
    assertThat(big.ran.get(1)).isEqualTo("SELECT * FROM (\n" + COMPLETE + "\n) AS quarry_ask LIMIT 2");
    assertThat(a.ok()).isTrue();
    assertThat(a.rowCountExact()).isFalse();
    assertThat(AnswerPrinter.rowsLine(a)).isEqualTo("first 2 of more than 10,000 rows; --show-rows shows more");
    JsonNode j = json(AnswerPrinter.jsonLine(a, false));
    assertThat(j.get("row_count").isNull()).isTrue();
    assertThat(j.get("row_count_more_than").asLong()).isEqualTo(10_000);
    assertThat(j.get("truncated").asBoolean()).isTrue();
  }

  @Test
  void sqlThatDoesNotRunIsAnErrorWithDuckDbsMessage() {
    Fakes.Executor broken = new Fakes.Executor(sql -> Fakes.error("Binder Error: column \"nme\" not found"));
    Answer a = ask(broken, 50);
    assertThat(a.ok()).isFalse();
    assertThat(a.error()).isEqualTo("the SQL does not run: DuckDB error: Binder Error: column \"nme\" not found");
    new AnswerPrinter(OutputFormat.table, false, false, out, err).print(a);
    assertThat(out()).startsWith("SELECT\n").doesNotContain("rows)");
    assertThat(err()).isEqualTo("quarry: error: the SQL does not run: DuckDB error: Binder Error: column \"nme\""
        + " not found\n");
  }

  @Test
  void onlyIncompleteCandidatesGiveAnErrorThatNamesTheMissingValues() {
    Fakes.Executor seed = seed();
    Answer a = new AskSession(Fakes.generator(WITH_YEAR, -0.4), seed, 50).answer("how many in <year>?");
    assertThat(seed.ran).isEmpty();
    assertThat(a.sql()).isNull();
    assertThat(a.error()).contains("needs values the question does not give", "<year_1>");
    new AnswerPrinter(OutputFormat.table, false, false, out, err).print(a);
    assertThat(out()).isEmpty();
    assertThat(err()).startsWith("quarry: error: the model's SQL needs values");
    Answer none = new AskSession(Fakes.generator(), seed, 50).answer("anything");
    assertThat(none.error()).isEqualTo("the model produced no SQL for this question");
  }

  @Test
  void csvPutsOnlyTheResultOnStandardOutput() {
    new AnswerPrinter(OutputFormat.csv, false, false, out, err).print(ask(seed(), 50));
    assertThat(out()).isEqualTo("school_name,n\n\"Kennedy Prep\",412\n\"Lee, \"\"East\"\"\",9\n");
    assertThat(err()).startsWith("SELECT\n  school_name,");
  }

  @Test
  void csvForManyQuestionsSeparatesTheResultsAndNamesTheirQuestions() {
    AnswerPrinter p = new AnswerPrinter(OutputFormat.csv, false, true, out, err);
    p.print(ask(seed(), 50));
    p.print(new AskSession(Fakes.generator(WITH_YEAR, -0.4), seed(), 50).answer("second"));
    assertThat(out()).isEqualTo("# question: how many absences per school\n"
        + "school_name,n\n\"Kennedy Prep\",412\n\"Lee, \"\"East\"\"\",9\n"
        + "\n# question: second\n# error: " + "the model's SQL needs values the question does not give (it still"
        + " holds <year_1>); name them in the question, e.g. the school year, the number or the exact name, and ask"
        + " again\n");
  }

  @Test
  void jsonIsOneObjectPerLineWithValuesKept() {
    Fakes.Executor typed = new Fakes.Executor(sql -> Fakes.ok(List.of("d", "x", "s", "b"),
        List.of(row(LocalDate.of(2024, 9, 1), 0.1 + 0.2, null, true))));
    Answer a = new AskSession(Fakes.generator(COMPLETE, -1.0), typed, 50).answer("q1");
    new AnswerPrinter(OutputFormat.json, false, true, out, err).print(a);
    new AnswerPrinter(OutputFormat.json, true, true, out, err).print(
        new AskSession(Fakes.generator(WITH_YEAR, -0.4), typed, 50).answer("q2"));
    List<String> lines = out().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode first = json(lines.get(0));
    assertThat(first.get("question").asText()).isEqualTo("q1");
    assertThat(first.get("sql").asText()).isEqualTo("SELECT school_name, COUNT(*) AS n FROM attendance GROUP BY school_name");
    assertThat(first.get("columns").toString()).isEqualTo("[\"d\",\"x\",\"s\",\"b\"]");
    assertThat(first.get("rows").toString()).isEqualTo("[[\"2024-09-01\",0.30000000000000004,null,true]]");
    assertThat(first.get("row_count").asLong()).isEqualTo(1);
    assertThat(first.get("truncated").asBoolean()).isFalse();
    assertThat(first.get("error").isNull()).isTrue();
    assertThat(first.has("score")).isFalse();
    JsonNode second = json(lines.get(1));
    assertThat(second.get("sql").isNull()).isTrue();
    assertThat(second.get("error").asText()).contains("<year_1>");
    assertThat(second.get("score").isNull()).isTrue();
    assertThat(second.get("hidden_candidates").asInt()).isEqualTo(1);
    assertThat(err()).contains("quarry: error: \"q2\": the model's SQL needs values");
  }

  @Test
  void blankQuestionsAndRowLimitsBelowOneAreRefused() {
    assertThatThrownBy(() -> new AskSession(Fakes.generator(), seed(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--show-rows");
    assertThatThrownBy(() -> new AskSession(Fakes.generator(), seed(), 5).answer(" \t"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (Exception e) {
      throw new AssertionError(line, e);
    }
  }
}
