package dev.quarry.pipelines.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultCsvTest {

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void headerThenRowsWithRfc4180Quoting() {
    String csv = ResultCsv.render(List.of("name", "note, with comma", "n"), List.of(
        row("Kennedy Prep", "say \"hi\"", 3L),
        row("O'Neil, Pat", "two\nlines", 4L),
        row(" padded ", "plain", 5L)));
    assertThat(csv).isEqualTo("name,\"note, with comma\",n\n"
        + "\"Kennedy Prep\",\"say \"\"hi\"\"\",3\n"
        + "\"O'Neil, Pat\",\"two\nlines\",4\n"
        + "\" padded \",plain,5\n");
  }

  @Test
  void nullsAreEmptyFieldsAndDoNotShiftTheRow() {
    String csv = ResultCsv.render(List.of("a", "b", "c"), List.of(row(null, "x", null), row(1L, null, "z")));
    assertThat(csv).isEqualTo("a,b,c\n,x,\n1,,z\n");
  }

  @Test
  void valuesKeepFullPrecisionAndIsoDates() {
    String csv = ResultCsv.render(List.of("d", "x", "big", "flag"),
        List.of(row(LocalDate.of(2024, 9, 1), 0.1 + 0.2, 1e20, true)));
    assertThat(csv).isEqualTo("d,x,big,flag\n2024-09-01,0.30000000000000004,100000000000000000000,true\n");
  }

  /** What a spreadsheet or another CSV reader gets back is exactly the values written. */
  @Test
  void aCsvReaderGetsTheSameFieldsBack() throws Exception {
    List<Object> tricky = row("comma, here", "quote \" here", "new\r\nline", "", "  spaces  ", "#hash", null);
    String csv = ResultCsv.render(List.of("a", "b", "c", "d", "e", "f", "g"), List.of(tricky));
    CsvMapper m = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> it = m.readerForListOf(String.class).readValues(csv)) {
      List<List<String>> back = it.readAll();
      assertThat(back).hasSize(2);
      assertThat(back.get(0)).containsExactly("a", "b", "c", "d", "e", "f", "g");
      assertThat(back.get(1)).containsExactly("comma, here", "quote \" here", "new\r\nline", "", "  spaces  ", "#hash", "");
    }
  }
}
