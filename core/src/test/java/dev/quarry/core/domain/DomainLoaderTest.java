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
}
