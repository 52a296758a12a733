package dev.quarry.eval.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankReadersTest {

  @TempDir Path dir;

  private static Path fixture(String name) throws Exception {
    return Path.of(BankReadersTest.class.getResource("/fixtures/" + name).toURI());
  }

  @Test
  void jsonlReadsStringOrListGoldAndValidates() {
    String text = """
        {"id":"q1","question":"how many kids","gold_sql":"SELECT 1","category":"Enrollment","difficulty":"EASY"}

        {"id":"q2","question":"x","gold_sql":["SELECT 1","SELECT 2"],"category":"grades","difficulty":"extra","notes":"n"}
        """;
    QueryBank b = JsonlBankReader.parse(text.getBytes(StandardCharsets.UTF_8), "t.jsonl");
    assertThat(b.questions()).hasSize(2);
    assertThat(b.questions().get(0).category()).isEqualTo("enrollment");
    assertThat(b.questions().get(0).difficulty()).isEqualTo("easy");
    assertThat(b.questions().get(1).goldSql()).containsExactly("SELECT 1", "SELECT 2");
    assertThat(b.sha256()).hasSize(64);
  }

  @Test
  void invalidUtf8InABankIsAnErrorNamingTheFileAndLineNotSilentlyReplaced() throws Exception {
    byte[] good = "{\"id\":\"q1\",\"question\":\"x\",\"gold_sql\":\"SELECT 1\",\"difficulty\":\"easy\"}\n"
        .getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"id\":\"q2\",\"question\":\"caf\u00ff\",\"gold_sql\":\"SELECT 1\",\"difficulty\":\"easy\"}\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    Path file = dir.resolve("latin1.jsonl");
    Files.write(file, java.nio.ByteBuffer.allocate(good.length + bad.length).put(good).put(bad).array());
    assertThatThrownBy(() -> Banks.load(file, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file + " line 2: invalid UTF-8 at byte 27 of the line (0xFF)");
    Path csv = dir.resolve("bad.csv");
    Files.write(csv, "question,query,db_name\ncaf\u00e9,SELECT 1,x\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Banks.load(csv, null)).hasMessageContaining(csv + " line 2: invalid UTF-8");
  }

  @Test
  void jsonlNamesTheLineOfABadDifficultyOrDuplicateId() {
    String bad = "{\"id\":\"q1\",\"question\":\"x\",\"gold_sql\":\"SELECT 1\",\"difficulty\":\"tricky\"}\n";
    assertThatThrownBy(() -> JsonlBankReader.parse(bad.getBytes(StandardCharsets.UTF_8), "b.jsonl"))
        .hasMessageContaining("b.jsonl line 1").hasMessageContaining("tricky");
    String dup = "{\"id\":\"q\",\"question\":\"x\",\"gold_sql\":\"SELECT 1\",\"difficulty\":\"easy\"}\n".repeat(2);
    assertThatThrownBy(() -> JsonlBankReader.parse(dup.getBytes(StandardCharsets.UTF_8), "d.jsonl"))
        .hasMessageContaining("repeats the id 'q'");
  }

  @Test
  void spiderReaderMapsDbIdAndHardness() throws Exception {
    QueryBank b = Banks.load(fixture("spider/dev.json"), null);
    assertThat(b.questions()).extracting(BankQuestion::id).containsExactly("spider-0", "spider-1", "spider-2");
    assertThat(b.questions().get(0).category()).isEqualTo("concert_singer");
    assertThat(b.questions().get(0).difficulty()).isEqualTo("easy");
    assertThat(b.questions().get(1).difficulty()).isEqualTo("medium"); // WHERE + ORDER BY: comp1 = 2
    QueryBank pets = Banks.load(fixture("spider/dev.json"), "pets_1");
    assertThat(pets.questions()).singleElement().extracting(BankQuestion::id).isEqualTo("spider-2");
  }

  @Test
  void spiderReaderRejectsUnknownDbId() throws Exception {
    Path dev = dir.resolve("dev.json");
    Files.writeString(dev, "[{\"db_id\":\"nope\",\"question\":\"q\",\"query\":\"SELECT 1\"}]");
    Files.writeString(dir.resolve("tables.json"), "[]");
    assertThatThrownBy(() -> Banks.load(dev, null)).hasMessageContaining("db_id 'nope'");
  }

  @Test
  void defogReaderExpandsBraceAlternativesAndSemicolons() throws Exception {
    QueryBank b = Banks.load(fixture("defog_questions.csv"), null);
    assertThat(b.questions()).hasSize(3);
    BankQuestion q2 = b.questions().get(1);
    assertThat(q2.category()).isEqualTo("group_by");
    assertThat(q2.goldSql()).containsExactly(
        "SELECT users.id, COUNT(*) AS n FROM users JOIN orders ON users.id = orders.user_id GROUP BY users.id ORDER BY n DESC",
        "SELECT users.name, COUNT(*) AS n FROM users JOIN orders ON users.id = orders.user_id GROUP BY users.name ORDER BY n DESC",
        "SELECT users.id, users.name, COUNT(*) AS n FROM users JOIN orders ON users.id = orders.user_id GROUP BY users.id, users.name ORDER BY n DESC");
    BankQuestion q3 = b.questions().get(2);
    assertThat(q3.question()).isEqualTo("List authors, \"with\" commas");
    assertThat(q3.goldSql()).hasSize(2);
    assertThat(Banks.load(fixture("defog_questions.csv"), "scholar").questions()).hasSize(1);
  }

  @Test
  void defogExpansionOfTwoGroups() {
    assertThat(DefogCsvBankReader.expand("SELECT {a, b} FROM t WHERE {x}")).containsExactly(
        "SELECT a FROM t WHERE x", "SELECT b FROM t WHERE x", "SELECT a, b FROM t WHERE x");
  }

  @Test
  void defogCsvFollowsRfc4180() throws Exception {
    Path csv = dir.resolve("rfc.csv");
    Files.writeString(csv, "\uFEFFquestion,query,db_name,query_category\r\n"
        + "\"a, \"\"quoted\"\" question\",\"SELECT 1\",d,c\r\n"
        + "\r\n"
        + "\"two\nlines\",SELECT 2,d,c\n");
    QueryBank b = Banks.load(csv, null);
    assertThat(b.questions()).extracting(BankQuestion::question)
        .containsExactly("a, \"quoted\" question", "two\nlines");
    assertThat(b.questions().get(1).goldSql()).containsExactly("SELECT 2");
    Files.writeString(csv, "question,query,db_name,query_category\n\"never closed,SELECT 1,d,c\n");
    assertThatThrownBy(() -> Banks.load(csv, null)).hasMessageContaining(csv.toString())
        .hasMessageContaining("not valid CSV");
  }

  @Test
  void defogReaderNamesAMissingColumn() throws Exception {
    Path csv = dir.resolve("q.csv");
    Files.writeString(csv, "question,query\nq,SELECT 1\n");
    assertThatThrownBy(() -> Banks.load(csv, null)).hasMessageContaining("db_name");
  }

  @Test
  void unknownExtensionAndMissingFileAreClearErrors() throws Exception {
    Path txt = dir.resolve("bank.txt");
    Files.writeString(txt, "x");
    assertThatThrownBy(() -> Banks.load(txt, null)).hasMessageContaining("Unknown bank type");
    assertThatThrownBy(() -> Banks.load(dir.resolve("none.jsonl"), null)).hasMessageContaining("--bank");
  }

  @Test
  void committedBankIsOnTheClasspath() {
    QueryBank b = Banks.education();
    assertThat(b.questions().size()).isGreaterThanOrEqualTo(80);
    assertThat(b.questions()).extracting(BankQuestion::category).contains(
        "attendance", "enrollment", "grades", "discipline", "demographics");
    assertThat(b.questions()).extracting(BankQuestion::difficulty).containsAll(List.of("easy", "medium", "hard", "extra"));
  }
}
