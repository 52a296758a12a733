package dev.quarry.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainLoaderTest {

  @Test
  void builtInEducationDomainHasTheFixedSchema() {
    Domain d = DomainLoader.load("education");
    assertThat(d.tableNames()).containsExactly("enrollment", "students", "attendance", "grades", "discipline");
    assertThat(d.requireTable("grades").columnNames())
        .containsExactly("student_id", "school_name", "school_year", "grade_level", "course_name", "term",
            "letter_grade", "grade_numeric", "gpa");
    assertThat(d.requireTable("discipline").column("incident_date").orElseThrow().type()).isEqualTo(SqlType.DATE);
    assertThat(d.vocabulary("schools")).hasSize(5);
    assertThat(d.years().currentIndex()).isEqualTo(3);
  }

  @Test
  void domainIsJavaSerializableForBeam() throws Exception {
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(DomainLoader.load("education"));
    }
  }

  @Test
  void unknownDomainNamesTheBuiltIns() {
    assertThatThrownBy(() -> DomainLoader.load("hospital"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown domain 'hospital'")
        .hasMessageContaining("education");
  }

  @Test
  void inconsistentDescriptionIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
    String json = new String(DomainLoader.rawBytes("education"))
        .replace("\"vocabulary\": \"courses\"", "\"vocabulary\": \"subjects\"");
    Path f = dir.resolve("domain.json");
    Files.writeString(f, json);
    assertThatThrownBy(() -> DomainLoader.load(f.toString()))
        .hasMessageContaining("unknown vocabulary 'subjects'");
  }

  @Test
  void onlyAnImportedDomainMayOmitYearsAndAJoinMayNameItsRightColumn(@TempDir Path dir) throws Exception {
    String base = "{\"name\": \"shop\", \"description\": \"d\", %s\"tables\": ["
        + "{\"name\": \"customers\", \"description\": null, \"phrases\": [\"customers\"], \"sortKey\": [\"id\"],"
        + " \"columns\": [{\"name\": \"id\", \"type\": \"INTEGER\", \"role\": \"id\", \"phrases\": [\"ID\"],"
        + " \"evidence\": \"declared primary key\", \"confidence\": 0.95}], \"primaryKey\": [\"id\"]},"
        + "{\"name\": \"orders\", \"description\": null, \"phrases\": [\"orders\"], \"sortKey\": [\"buyer\"],"
        + " \"columns\": [{\"name\": \"buyer\", \"type\": \"INTEGER\", \"role\": \"id\", \"phrases\": [\"buyer\"]},"
        + " {\"name\": \"note\", \"type\": \"VARCHAR\", \"role\": \"text\", \"phrases\": [\"note\"]}]}],"
        + " \"joins\": [{\"left\": \"customers\", \"right\": \"orders\", \"on\": \"id\", \"rightOn\": \"%s\","
        + " \"containment\": 1.0}], \"vocabularies\": {}}";
    Path imported = dir.resolve("imported.json");
    Files.writeString(imported, String.format(base, "\"source\": \"sqlite:/x.db\", ", "buyer"));
    Domain d = DomainLoader.load(imported.toString());
    assertThat(d.years()).isNull();
    assertThat(d.joins().get(0).rightColumn()).isEqualTo("buyer");
    assertThat(d.requireTable("orders").column("note").orElseThrow().role()).isEqualTo(ColumnRole.TEXT);
    assertThat(SchemaPrompt.render(d)).contains("CREATE TABLE orders").doesNotContain("current");
    Path builtIn = dir.resolve("nosource.json");
    Files.writeString(builtIn, String.format(base, "", "buyer"));
    assertThatThrownBy(() -> DomainLoader.load(builtIn.toString())).hasMessageContaining("Domain needs years");
    Path badJoin = dir.resolve("badjoin.json");
    Files.writeString(badJoin, String.format(base, "\"source\": \"sqlite:/x.db\", ", "customer"));
    assertThatThrownBy(() -> DomainLoader.load(badJoin.toString()))
        .hasMessageContaining("Join column orders.customer does not exist");
  }

  @Test
  void aDeclaredBankIsResolvedAgainstTheFileFolderAndLeftOutOfTheHashedBytes(@TempDir Path dir) throws Exception {
    String education = new String(DomainLoader.rawBytes("education"), java.nio.charset.StandardCharsets.UTF_8);
    Path plain = dir.resolve("plain/domain.json");
    Files.createDirectories(plain.getParent());
    Files.writeString(plain, education);
    assertThat(DomainLoader.load(plain.toString()).bank()).isNull();
    assertThat(DomainLoader.rawBytes(plain.toString())).isEqualTo(Files.readAllBytes(plain));

    // Appended as the last member, as someone editing the file would.
    int end = education.lastIndexOf('}');
    String last = education.substring(0, end).stripTrailing() + ",\n  \"bank\": {\"path\": \"banks/q.csv\", \"db\": \"shop\"}\n"
        + education.substring(end);
    Path withBank = dir.resolve("edited/domain.json");
    Files.createDirectories(withBank.getParent());
    Files.writeString(withBank, last);
    Domain d = DomainLoader.load(withBank.toString());
    assertThat(d.bank().path()).isEqualTo(dir.resolve("edited/banks/q.csv").toAbsolutePath().normalize().toString());
    assertThat(d.bank().db()).isEqualTo("shop");
    // Only the eval stage reads the bank: the bytes hashed into seed manifests are the file's without it.
    byte[] original = education.substring(0, end).stripTrailing().concat("\n" + education.substring(end))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(DomainLoader.rawBytes(withBank.toString())).isEqualTo(original);

    // As the first member, absolute path, no db.
    String abs = dir.resolve("b.jsonl").toAbsolutePath().toString();
    String first = education.replaceFirst("\\{\\s*", "{\n  \"bank\": {\"path\": \"" + abs + "\"},\n  ");
    Path firstFile = dir.resolve("first.json");
    Files.writeString(firstFile, first);
    assertThat(DomainLoader.load(firstFile.toString()).bank()).isEqualTo(new Domain.Bank(abs, null));
    assertThat(new String(DomainLoader.rawBytes(firstFile.toString()), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(education.replaceFirst("\\{\\s*", "{\n  "));

    // After a string member (the last member of a drafted file is its "source").
    String afterString = education.substring(0, end).stripTrailing() + ",\n  \"source\": \"sqlite:/x.db\"\n}\n";
    Path imported = dir.resolve("imported.json");
    Files.writeString(imported, afterString.replace("\"\n}\n", "\",\n  \"bank\": {\"path\": \"q.jsonl\"}\n}\n"));
    assertThat(DomainLoader.load(imported.toString()).bank().path()).endsWith("q.jsonl");
    assertThat(new String(DomainLoader.rawBytes(imported.toString()), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(afterString);

    Path noPath = dir.resolve("nopath.json");
    Files.writeString(noPath, last.replace("\"path\": \"banks/q.csv\", ", ""));
    assertThatThrownBy(() -> DomainLoader.load(noPath.toString())).hasMessageContaining("Domain bank needs a \"path\"");
    Path unknown = dir.resolve("unknown.json");
    Files.writeString(unknown, last.replace("\"db\"", "\"database\""));
    assertThatThrownBy(() -> DomainLoader.load(unknown.toString())).hasMessageContaining("database");
  }

  @Test
  void aBankMayBeDeclaredByItsPathAloneAndAnyOtherValueIsRefused(@TempDir Path dir) throws Exception {
    String education = new String(DomainLoader.rawBytes("education"), java.nio.charset.StandardCharsets.UTF_8);
    int end = education.lastIndexOf('}');
    String head = education.substring(0, end).stripTrailing();
    String tail = "\n" + education.substring(end);
    Path none = dir.resolve("none/domain.json");
    Path asObject = dir.resolve("object/domain.json");
    Path asString = dir.resolve("string/domain.json");
    for (Path p : java.util.List.of(none, asObject, asString)) {
      Files.createDirectories(p.getParent());
    }
    Files.writeString(none, head + tail);
    Files.writeString(asObject, head + ",\n  \"bank\": {\"path\": \"banks/q.jsonl\"}" + tail);
    Files.writeString(asString, head + ",\n  \"bank\": \"banks/q.jsonl\"" + tail);

    // "bank": "banks/q.jsonl" is {"path": "banks/q.jsonl"}: resolved against the file's folder, every db.
    Domain.Bank fromString = DomainLoader.load(asString.toString()).bank();
    assertThat(fromString).isEqualTo(new Domain.Bank(
        dir.resolve("string/banks/q.jsonl").toAbsolutePath().normalize().toString(), null));
    assertThat(DomainLoader.load(asObject.toString()).bank()).isEqualTo(new Domain.Bank(
        dir.resolve("object/banks/q.jsonl").toAbsolutePath().normalize().toString(), null));
    assertThat(Domain.Bank.of("q.jsonl")).isEqualTo(new Domain.Bank("q.jsonl", null));

    // Left out of the hashed bytes like the object form, last member or first.
    byte[] withoutAny = Files.readAllBytes(none);
    assertThat(DomainLoader.rawBytes(asString.toString())).isEqualTo(withoutAny);
    assertThat(DomainLoader.rawBytes(asObject.toString())).isEqualTo(withoutAny);
    Path first = dir.resolve("first.json");
    Files.writeString(first, education.replaceFirst("\\{\\s*", "{\n  \"bank\": \"q.jsonl\",\n  "));
    assertThat(DomainLoader.load(first.toString()).bank().path()).isEqualTo(dir.resolve("q.jsonl").toAbsolutePath().normalize().toString());
    assertThat(new String(DomainLoader.rawBytes(first.toString()), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(education.replaceFirst("\\{\\s*", "{\n  "));

    // An empty path is refused as in the object form; a number, an array or a boolean is not a bank.
    Path empty = dir.resolve("empty.json");
    Files.writeString(empty, head + ",\n  \"bank\": \"\"" + tail);
    assertThatThrownBy(() -> DomainLoader.load(empty.toString())).hasMessageContaining("Domain bank needs a \"path\"");
    for (String value : java.util.List.of("42", "[\"banks/q.jsonl\"]", "true")) {
      Path bad = dir.resolve("bad.json");
      Files.writeString(bad, head + ",\n  \"bank\": " + value + tail);
      assertThatThrownBy(() -> DomainLoader.load(bad.toString())).as(value)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"bank\" must be the bank file's path")
          .hasMessageContaining(bad.toString());
    }
  }
}
