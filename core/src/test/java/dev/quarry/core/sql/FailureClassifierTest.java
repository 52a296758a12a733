package dev.quarry.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureClassifierTest {

  private static final String GOLD = "SELECT school_name, COUNT(*) FROM discipline WHERE school_year = '2023-2024' "
      + "AND severity = 'Major' GROUP BY school_name ORDER BY COUNT(*) DESC LIMIT 3";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "WRONG_TABLE|SELECT school_name, COUNT(*) FROM attendance WHERE school_year = '2023-2024' GROUP BY school_name",
      "WRONG_TABLE|SELECT s.school_name, COUNT(*) FROM discipline d JOIN students s ON s.student_id = d.student_id "
          + "WHERE d.school_year = '2023-2024' AND severity = 'Major' GROUP BY s.school_name ORDER BY COUNT(*) DESC LIMIT 3",
      "WRONG_AGGREGATE|SELECT school_name, AVG(days_suspended) FROM discipline WHERE school_year = '2023-2024' "
          + "AND severity = 'Major' GROUP BY school_name ORDER BY 2 DESC LIMIT 3",
      "WRONG_COLUMN|SELECT grade_level, COUNT(*) FROM discipline WHERE school_year = '2023-2024' AND severity = 'Major' "
          + "GROUP BY grade_level ORDER BY COUNT(*) DESC LIMIT 3",
      "MISSING_FILTER|SELECT school_name, COUNT(*) FROM discipline WHERE school_year = '2023-2024' "
          + "GROUP BY school_name ORDER BY COUNT(*) DESC LIMIT 3",
      "EXTRA_FILTER|SELECT school_name, COUNT(*) FROM discipline WHERE school_year = '2023-2024' AND severity = 'Major' "
          + "AND grade_level = 9 GROUP BY school_name ORDER BY COUNT(*) DESC LIMIT 3",
      "WRONG_FILTER_VALUE|SELECT school_name, COUNT(*) FROM discipline WHERE school_year = '2024-2025' "
          + "AND severity = 'Major' GROUP BY school_name ORDER BY COUNT(*) DESC LIMIT 3",
      "WRONG_GROUPING|SELECT school_name, COUNT(*) FROM discipline WHERE school_year = '2023-2024' AND severity = 'Major' "
          + "GROUP BY school_name, grade_level ORDER BY COUNT(*) DESC LIMIT 3",
      "WRONG_ORDER_LIMIT|SELECT school_name, COUNT(*) FROM discipline WHERE school_year = '2023-2024' "
          + "AND severity = 'Major' GROUP BY school_name ORDER BY COUNT(*) DESC LIMIT 5",
      "WRONG_ORDER_LIMIT|SELECT school_name, COUNT(*) FROM discipline WHERE school_year = '2023-2024' "
          + "AND severity = 'Major' GROUP BY school_name ORDER BY COUNT(*) ASC LIMIT 3",
      "WRONG_FILTER_VALUE|SELECT school_name, COUNT(*) FROM discipline WHERE school_year <> '2023-2024' "
          + "AND severity = 'Major' GROUP BY school_name ORDER BY COUNT(*) DESC LIMIT 3",
      "OTHER|SELECT DISTINCT school_name, COUNT(*) FROM discipline WHERE school_year = '2023-2024' "
          + "AND severity = 'Major' GROUP BY school_name ORDER BY COUNT(*) DESC LIMIT 3",
      "INVALID_SQL|SELEC school_name FROM discipline",
  })
  void namesTheFirstClauseThatDiffers(FailureClass expected, String predicted) {
    assertThat(FailureClassifier.classify(GOLD, predicted, true)).isEqualTo(expected);
  }

  @Test
  void aPredictionThatDidNotRunIsInvalidSqlWhateverItSays() {
    assertThat(FailureClassifier.classify(GOLD, GOLD, false)).isEqualTo(FailureClass.INVALID_SQL);
    assertThat(FailureClassifier.classify(GOLD, "", true)).isEqualTo(FailureClass.INVALID_SQL);
    assertThat(FailureClassifier.classify(GOLD, null, true)).isEqualTo(FailureClass.INVALID_SQL);
  }

  @Test
  void booleanLiteralsAndQualifiersDoNotCountAsColumns() {
    String gold = "SELECT COUNT(*) FROM attendance WHERE school_year = '2023-2024' AND is_chronically_absent";
    assertThat(FailureClassifier.classify(gold,
        "SELECT COUNT(*) FROM attendance a WHERE a.school_year = '2023-2024' AND a.is_chronically_absent = FALSE", true))
        .isEqualTo(FailureClass.WRONG_FILTER_VALUE);
  }

  @Test
  void aHugeExpressionIsRefusedBeforeAnyRecursiveWalk() {
    String deep = "SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000) + " FROM students";
    assertThat(FailureClassifier.classify(GOLD, deep, true)).isEqualTo(FailureClass.INVALID_SQL);
    String wide = "SELECT COUNT(*) FROM students WHERE " + "1=1 AND ".repeat(3000) + "1=1";
    assertThat(FailureClassifier.classify(GOLD, wide, true)).isEqualTo(FailureClass.INVALID_SQL);
  }

  @Test
  void jsonKeysAreLowerCaseNames() {
    assertThat(FailureClass.WRONG_FILTER_VALUE.key()).isEqualTo("wrong_filter_value");
  }
}
