package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueCatalogTest {

  @Test
  void readsDistinctValuesWithCountsFromTheSeed() {
    ValueCatalog c = TestData.catalog();
    assertThat(c.rowCount("students")).isEqualTo(300);
    List<Object> schools = c.values("students", "school_name").stream().map(ValueCatalog.ValueCount::value).toList();
    assertThat(schools).containsExactly("Jefferson High", "Kennedy Prep", "Lincoln Elementary", "Roosevelt Academy",
        "Washington Middle");
    assertThat(c.values("students", "school_name").stream().mapToLong(ValueCatalog.ValueCount::count).sum())
        .isEqualTo(300);
    assertThat(c.values("attendance", "school_year")).hasSize(4);
    assertThat(c.values("students", "grade_level").get(0).value()).isInstanceOf(Long.class);
    assertThat(c.values("students", "english_learner").stream().map(ValueCatalog.ValueCount::value))
        .containsExactly(false, true);
  }

  @Test
  void readsMeasureDecilesAndDateRange() {
    ValueCatalog c = TestData.catalog();
    ValueCatalog.MeasureStats abs = c.measure("attendance", "absence_count").orElseThrow();
    assertThat(abs.integral()).isTrue();
    assertThat(abs.deciles()).hasSize(11).isSorted();
    assertThat(abs.min()).isGreaterThanOrEqualTo(0);
    assertThat(abs.max()).isLessThan(30);
    assertThat(c.measure("grades", "gpa").orElseThrow().integral()).isFalse();
    ValueCatalog.DateStats d = c.dates("discipline", "incident_date").orElseThrow();
    assertThat(d.min()).matches("\\d{4}-\\d{2}-\\d{2}").isLessThan(d.max());
    assertThat(d.months()).isNotEmpty().allSatisfy(m -> assertThat((String) m.value()).matches("\\d{4}-\\d{2}"));
  }

  @Test
  void samplesRealRowsOfTablesAndJoins() {
    ValueCatalog c = TestData.catalog();
    ValueCatalog.RowSample s = c.sample("grades");
    assertThat(s.columns()).contains("school_name", "course_name", "gpa").doesNotContain("student_id");
    assertThat(s.rows()).isNotEmpty().allSatisfy(r -> assertThat(r).hasSize(s.columns().size()));
    ValueCatalog.RowSample j = c.sample("students+discipline");
    assertThat(j.columns()).contains("students.gender", "discipline.severity");
    assertThat(j.rows()).isNotEmpty();
    assertThat(c.rowsPerKey("students+attendance")).isNotEmpty();
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    ValueCatalog c = TestData.catalog();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    ValueCatalog back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ValueCatalog) in.readObject();
    }
    assertThat(back.tables()).isEqualTo(c.tables());
    assertThat(back.sample("students")).isEqualTo(c.sample("students"));
  }

  @Test
  void rejectsASeedDirectoryWithoutTableFolders(@TempDir Path empty) {
    assertThatThrownBy(() -> ValueCatalog.fromSeed(TestData.domain(), empty))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enrollment");
  }

  @Test
  void canBeBuiltDirectlyForTests() {
    ValueCatalog c = new ValueCatalog(Map.of(), Map.of(), Map.of());
    assertThat(c.values("students", "gender")).isEmpty();
    assertThat(c.sample("students").rows()).isEmpty();
  }
}
