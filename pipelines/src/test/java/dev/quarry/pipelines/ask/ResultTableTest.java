package dev.quarry.pipelines.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void columnsAreAlignedNumbersRightTextLeft() {
    String t = ResultTable.render(List.of("school_name", "n", "pct"), List.of(
        row("Kennedy Prep", 1204L, 12.5),
        row("Washington Middle", 87L, 0.3333333333333333),
        row("Lee", null, null)));
    assertThat(t).isEqualTo(String.join("\n",
        " school_name       | n    | pct",
        "-------------------+------+----------",
        " Kennedy Prep      | 1204 |     12.5",
        " Washington Middle |   87 | 0.333333",
        " Lee               | NULL |     NULL"));
  }

  @Test
  void everyLineHasTheSameColumnBoundaries() {
    String t = ResultTable.render(List.of("a", "long column name"), List.of(
        row("x", "short"), row("a much longer value than the header", "y")));
    List<String> lines = t.lines().toList();
    int bar = lines.get(0).indexOf('|');
    assertThat(lines.get(1).indexOf('+')).isEqualTo(bar);
    assertThat(lines.subList(2, lines.size())).allMatch(l -> l.indexOf('|') == bar);
  }

  @Test
  void cellsAreShownReadably() {
    assertThat(ResultTable.cell(null)).isEqualTo("NULL");
    assertThat(ResultTable.cell("two\nlines\tand tab")).isEqualTo("two\\nlines\\tand tab");
    assertThat(ResultTable.cell(LocalDate.of(2024, 9, 1))).isEqualTo("2024-09-01");
    assertThat(ResultTable.cell(true)).isEqualTo("true");
    assertThat(ResultTable.cell(2.0)).isEqualTo("2.0");
    assertThat(ResultTable.cell(2.0000000001)).isEqualTo("2.0");
    assertThat(ResultTable.cell(1e20)).isEqualTo("100000000000000000000");
    assertThat(ResultTable.cell(Double.NaN)).isEqualTo("NaN");
    String longText = "x".repeat(100);
    assertThat(ResultTable.cell(longText)).hasSize(ResultTable.MAX_WIDTH).endsWith("…");
  }

  @Test
  void anEmptyResultStillShowsItsColumns() {
    assertThat(ResultTable.render(List.of("count"), List.of())).isEqualTo(" count\n-------");
  }

  @Test
  void rowsOfTheWrongLengthAreRefused() {
    assertThatThrownBy(() -> ResultTable.render(List.of("a", "b"), List.of(row(1L))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResultTable.render(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
