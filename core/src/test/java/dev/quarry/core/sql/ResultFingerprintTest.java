package dev.quarry.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFingerprintTest {

  private static List<Object> row(Object... v) {
    return new ArrayList<>(Arrays.asList(v));
  }

  @Test
  void numbersAgreeAcrossTypesAndRoundingNoise() {
    assertThat(ResultFingerprint.canonical(2L)).isEqualTo(ResultFingerprint.canonical(2.0));
    assertThat(ResultFingerprint.canonical(1.9999999999)).isEqualTo(ResultFingerprint.canonical(2L));
    assertThat(ResultFingerprint.canonical(0.1 + 0.2)).isEqualTo(ResultFingerprint.canonical(0.3));
    assertThat(ResultFingerprint.canonical(3.3333333333)).isEqualTo("n:3.33333");
    assertThat(ResultFingerprint.canonical(1234567L)).isEqualTo("n:1234567");
    assertThat(ResultFingerprint.canonical(1234567.0000001)).isEqualTo("n:1234567");
    assertThat(ResultFingerprint.canonical(-0.0)).isEqualTo("n:0");
    assertThat(ResultFingerprint.canonical(2.5)).isNotEqualTo(ResultFingerprint.canonical(2L));
  }

  @Test
  void typesAreTaggedSoTextNumbersAndNullsDiffer() {
    assertThat(ResultFingerprint.canonical("2")).isNotEqualTo(ResultFingerprint.canonical(2L));
    assertThat(ResultFingerprint.canonical(null)).isNotEqualTo(ResultFingerprint.canonical("null"));
    assertThat(ResultFingerprint.canonical(true)).isEqualTo("b:true");
    assertThat(ResultFingerprint.canonical(LocalDate.of(2024, 9, 1))).isEqualTo("d:2024-09-01");
    assertThat(ResultFingerprint.canonicalRow(row("a\u001fb"))).isNotEqualTo(ResultFingerprint.canonicalRow(row("a", "b")));
  }

  @Test
  void rowOrderMattersOnlyWhenOrdered() {
    List<List<Object>> ab = List.of(row("a", 1L), row("b", 2L));
    List<List<Object>> ba = List.of(row("b", 2.0), row("a", 1.0));
    assertThat(ResultFingerprint.of(2, ab, false)).isEqualTo(ResultFingerprint.of(2, ba, false));
    assertThat(ResultFingerprint.of(2, ab, true)).isNotEqualTo(ResultFingerprint.of(2, ba, true));
    assertThat(ResultFingerprint.of(2, ab, false)).hasSize(64).matches("[0-9a-f]{64}");
  }

  @Test
  void multisetKeepsDuplicates() {
    List<List<Object>> once = List.of(row("a"), row("b"));
    List<List<Object>> twice = List.of(row("a"), row("a"), row("b"));
    assertThat(ResultFingerprint.of(1, once, false)).isNotEqualTo(ResultFingerprint.of(1, twice, false));
  }

  @Test
  void emptyResultsDifferByColumnCount() {
    assertThat(ResultFingerprint.of(1, List.of(), false)).isNotEqualTo(ResultFingerprint.of(2, List.of(), false));
  }
}
