package dev.quarry.core.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResultComparatorTest {

  private static List<Object> r(Object... v) {
    return Arrays.asList(v);
  }

  @SafeVarargs
  private static List<List<Object>> rows(List<Object>... rs) {
    return List.of(rs);
  }

  /** name, gold rows, gold cols, predicted rows, predicted cols, ordered, expected strict, expected lenient. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("identical", rows(r("a", 1L), r("b", 2L)), 2, rows(r("a", 1L), r("b", 2L)), 2, false, true, true),
        Arguments.of("columns permuted", rows(r("a", 1L), r("b", 2L)), 2, rows(r(1L, "a"), r(2L, "b")), 2, false, true, true),
        Arguments.of("extra predicted column", rows(r("a", 1L), r("b", 2L)), 2,
            rows(r(9L, "a", 1L), r(8L, "b", 2L)), 3, false, false, true),
        Arguments.of("missing column", rows(r("a", 1L)), 2, rows(r("a")), 1, false, false, false),
        Arguments.of("float within 1e-6 relative", rows(r(0.1 + 0.2)), 1, rows(r(0.3)), 1, false, true, true),
        Arguments.of("float beyond tolerance", rows(r(0.3)), 1, rows(r(0.3001)), 1, false, false, false),
        Arguments.of("integer vs double", rows(r(3L)), 1, rows(r(3.0)), 1, false, true, true),
        Arguments.of("infinity (1/0) is no number's match", rows(r(4506L)), 1, rows(r(Double.POSITIVE_INFINITY)), 1,
            false, false, false),
        Arguments.of("infinity equals infinity", rows(r(Double.NEGATIVE_INFINITY)), 1,
            rows(r(Double.NEGATIVE_INFINITY)), 1, false, true, true),
        Arguments.of("rows reordered, gold unordered", rows(r("a"), r("b")), 1, rows(r("b"), r("a")), 1, false, true, true),
        Arguments.of("rows reordered, gold ORDER BY", rows(r("a"), r("b")), 1, rows(r("b"), r("a")), 1, true, false, false),
        Arguments.of("same order, gold ORDER BY", rows(r("a"), r("b")), 1, rows(r("a"), r("b")), 1, true, true, true),
        Arguments.of("duplicate rows count", rows(r("a"), r("a"), r("b")), 1, rows(r("a"), r("b"), r("b")), 1, false, false, false),
        Arguments.of("duplicate rows equal multiset", rows(r("a"), r("a"), r("b")), 1, rows(r("a"), r("b"), r("a")), 1, false, true, true),
        Arguments.of("extra row", rows(r("a")), 1, rows(r("a"), r("a")), 1, false, false, false),
        Arguments.of("NULL equals NULL", rows(r(null, 1L)), 2, rows(r(null, 1L)), 2, false, true, true),
        Arguments.of("NULL vs 0", rows(r((Object) null)), 1, rows(r(0L)), 1, false, false, false),
        Arguments.of("boolean vs 1/0", rows(r(true), r(false)), 1, rows(r(1L), r(0L)), 1, false, true, true),
        Arguments.of("date vs midnight timestamp", rows(r(LocalDate.of(2024, 10, 1))), 1,
            rows(r(LocalDateTime.of(2024, 10, 1, 0, 0))), 1, false, true, true),
        Arguments.of("string case differs", rows(r("Lincoln")), 1, rows(r("lincoln")), 1, false, false, false),
        Arguments.of("columns must pair distinctly", rows(r(1L, 1L), r(2L, 3L)), 2, rows(r(1L, 9L), r(2L, 9L)), 2, false,
            false, false),
        Arguments.of("same column sets but rows paired differently", rows(r("a", 1L), r("b", 2L)), 2,
            rows(r("a", 2L), r("b", 1L)), 2, false, false, false),
        Arguments.of("empty results", rows(), 1, rows(), 1, false, true, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void comparesByTheDocumentedRules(String name, List<List<Object>> gold, int goldCols, List<List<Object>> pred,
      int predCols, boolean ordered, boolean strict, boolean lenient) {
    Comparison c = ResultComparator.defaults().compare(gold, goldCols, pred, predCols, ordered);
    assertThat(c.strict()).as("strict").isEqualTo(strict);
    assertThat(c.lenient()).as("lenient").isEqualTo(lenient);
  }

  @ParameterizedTest(name = "precision {0}")
  @MethodSource("precisions")
  void roundsToTheBankPrecisionBeforeTolerance(int decimals, boolean equal) {
    var c = new ResultComparator(new ValueNormalizer(decimals, 1e-6));
    assertThat(c.compare(rows(r(33.333333)), 1, rows(r(33.33)), 1, false).strict()).isEqualTo(equal);
  }

  static Stream<Arguments> precisions() {
    return Stream.of(Arguments.of(2, true), Arguments.of(4, false));
  }
}
