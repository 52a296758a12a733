package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.core.workspace.Workspace;
import dev.quarry.pipelines.ask.Answer;
import dev.quarry.pipelines.ask.AskSession;
import dev.quarry.pipelines.ask.Fakes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code quarry ask}'s output on real seed data (seed 42, scale 1) and the real sandbox, with a fake model
 * that writes SQL spaced like the embedded model's: table, CSV and JSON, rows over the limit, SQL that does
 * not run. (No test of the pipelines module trains a model; the trained path is the same {@code answerAll}.)
 */
class AskOnSeedDataTest {

  @TempDir static Path ws;
  static SqlSandbox sandbox;

  private static final String BY_SCHOOL = "SELECT school_name , COUNT ( * ) AS students FROM students"
      + " GROUP BY school_name ORDER BY school_name";

  @BeforeAll
  static void seed() {
    assertThat(QuarryCli.execute("seed", "--workspace", ws.toString())).isZero();
    sandbox = SqlSandbox.open(DomainLoader.load("education"), new Workspace(ws).seedDir("education", 42, 1),
        SandboxSettings.defaults().withMaxRows(100));
  }

  @AfterAll
  static void close() {
    sandbox.close();
  }

  private record Run(int code, String out, String err) {}

  private static Run ask(String sql, String... options) {
    AskCommand ask = new AskCommand();
    String[] args = new String[options.length + 1];
    System.arraycopy(options, 0, args, 0, options.length);
    args[options.length] = "how many students per school";
    new CommandLine(ask).parseArgs(args);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = ask.answerAll(ask.questions(), Fakes.generator(sql, -0.25), sandbox,
        new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  private static List<List<Object>> direct(String sql) {
    QueryOutcome o = sandbox.execute(sql);
    assertThat(o.isOk()).as(o.message()).isTrue();
    return o.rows();
  }

  @Test
  void tableShowsTheLaidOutSqlAndEverySchoolAligned() {
    List<List<Object>> expected = direct(BY_SCHOOL);
    Run r = ask(BY_SCHOOL);
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("SELECT\n  school_name,\n  COUNT(*) AS students\nFROM\n  students\n");
    List<String> lines = r.out().lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith(" school_name")).findFirst().orElseThrow());
    assertThat(lines.get(header)).matches(" school_name +\\| students");
    int bar = lines.get(header).indexOf('|');
    List<String> body = lines.subList(header + 2, header + 2 + expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(body.get(i)).startsWith(" " + expected.get(i).get(0)).endsWith(" " + expected.get(i).get(1));
      assertThat(body.get(i).indexOf('|')).isEqualTo(bar);
    }
    assertThat(lines.get(header + 2 + expected.size())).isEqualTo("(" + expected.size() + " rows)");
    assertThat(r.out()).doesNotContain("-0.25");
  }

  @Test
  void csvAndJsonCarryTheSameRows() throws Exception {
    List<List<Object>> expected = direct(BY_SCHOOL);
    Run csv = ask(BY_SCHOOL, "--format", "csv");
    assertThat(csv.code()).isZero();
    StringBuilder want = new StringBuilder("school_name,students\n");
    for (List<Object> row : expected) {
      want.append('"').append(row.get(0)).append("\",").append(row.get(1)).append('\n');
    }
    assertThat(csv.out()).isEqualTo(want.toString());
    assertThat(csv.err()).contains("COUNT(*) AS students");

    Run json = ask(BY_SCHOOL, "--format", "json", "--verbose");
    JsonNode j = new ObjectMapper().readTree(json.out());
    assertThat(json.out().lines()).hasSize(1);
    assertThat(j.get("sql").asText())
        .isEqualTo("SELECT school_name, COUNT(*) AS students FROM students GROUP BY school_name ORDER BY school_name");
    assertThat(j.get("rows")).hasSize(expected.size());
    assertThat(j.get("rows").get(0).get(1).asLong()).isEqualTo((Long) expected.get(0).get(1));
    assertThat(j.get("score").asDouble()).isEqualTo(-0.25);
  }

  @Test
  void moreRowsThanTheSandboxKeepsShowTheFirstOnes() {
    try (SqlSandbox small = SqlSandbox.open(DomainLoader.load("education"),
        new Workspace(ws).seedDir("education", 42, 1), SandboxSettings.defaults().withMaxRows(5))) {
      Answer a = new AskSession(Fakes.generator("SELECT student_id FROM students ORDER BY student_id DESC", -1.0),
          small, 3).answer("all students");
      assertThat(a.ok()).as(a.error()).isTrue();
      assertThat(a.rowCountExact()).isFalse();
      assertThat(a.rowCount()).isEqualTo(5);
      assertThat(a.rows()).isEqualTo(direct("SELECT student_id FROM students ORDER BY student_id DESC LIMIT 3"));
    }
    Run r = ask("SELECT student_id FROM students ORDER BY student_id", "--show-rows", "4");
    assertThat(r.code()).isZero();
    assertThat(r.out()).endsWith("(first 4 of more than 100 rows; --show-rows shows more)\n");
  }

  @Test
  void sqlThatDoesNotRunExitsWith1AndSaysWhy() {
    Run r = ask("SELECT nme FROM students");
    assertThat(r.code()).isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(r.out()).startsWith("SELECT\n  nme\nFROM\n  students");
    assertThat(r.err()).startsWith("quarry: error: the SQL does not run: ").contains("nme");
  }
}
