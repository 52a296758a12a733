package dev.quarry.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpiderHardnessTest {

  @ParameterizedTest(name = "{0} ← {1}")
  @CsvSource(delimiter = '|', textBlock = """
      EASY   | SELECT count(*) FROM students
      EASY   | SELECT student_id FROM students WHERE grade_level = 9
      EASY   | SELECT gender FROM students ORDER BY gender
      MEDIUM | SELECT school_name, count(*) FROM students GROUP BY school_name
      MEDIUM | SELECT count(*) FROM students s JOIN attendance a ON s.student_id = a.student_id WHERE a.is_chronically_absent
      MEDIUM | SELECT min(gpa), max(gpa), avg(gpa) FROM grades WHERE term = 'Fall'
      MEDIUM | SELECT count(*) FROM students WHERE gender = 'Female' OR grade_level = 9
      HARD   | SELECT school_name, avg(gpa), max(gpa) FROM grades WHERE school_year = '2024-2025' AND term = 'Fall' GROUP BY school_name, course_name
      HARD   | SELECT student_id FROM students WHERE student_id IN (SELECT student_id FROM discipline)
      HARD   | SELECT gender FROM students WHERE grade_level > 8 GROUP BY gender ORDER BY gender
      HARD   | SELECT school_name FROM students EXCEPT SELECT school_name FROM discipline WHERE severity = 'High'
      EXTRA  | SELECT school_name, count(*) FROM students WHERE student_id NOT IN (SELECT student_id FROM discipline) GROUP BY school_name
      EXTRA  | SELECT gender, count(*) FROM students WHERE grade_level > 8 GROUP BY gender ORDER BY count(*) DESC LIMIT 1
      EXTRA  | SELECT count(*) FROM students s JOIN grades g ON s.student_id = g.student_id JOIN attendance a ON a.student_id = s.student_id WHERE g.course_name LIKE 'Math%' AND a.absence_count > 3
      HARD   | WITH t AS (SELECT student_id FROM discipline) SELECT count(*) FROM t
      """)
  void classifiesSampleQueriesAsSpiderDoes(Hardness expected, String sql) {
    assertThat(SpiderHardness.classify(sql)).isEqualTo(expected);
  }

  @Test
  void countsFollowSpiderComponents() {
    var c = SpiderHardness.count(SqlParsing.parseSelect(
        "SELECT a.school_name, count(*) FROM attendance a JOIN students s ON a.student_id = s.student_id "
            + "WHERE s.gender LIKE 'F%' OR s.grade_level = 9 GROUP BY a.school_name ORDER BY 2 DESC LIMIT 3"));
    // where, group, order, limit, 1 join, 1 OR, 1 LIKE
    assertThat(c.component1()).isEqualTo(7);
    assertThat(c.component2()).isZero();
    // two select columns, two where conditions (aggregates: 1)
    assertThat(c.others()).isEqualTo(2);
  }

  @Test
  void ruleMatchesSpiderBoundaries() {
    assertThat(SpiderHardness.rule(1, 0, 0)).isEqualTo(Hardness.EASY);
    assertThat(SpiderHardness.rule(1, 0, 2)).isEqualTo(Hardness.MEDIUM);
    assertThat(SpiderHardness.rule(2, 0, 1)).isEqualTo(Hardness.MEDIUM);
    assertThat(SpiderHardness.rule(2, 0, 2)).isEqualTo(Hardness.EXTRA);
    assertThat(SpiderHardness.rule(2, 0, 3)).isEqualTo(Hardness.HARD);
    assertThat(SpiderHardness.rule(3, 0, 2)).isEqualTo(Hardness.HARD);
    assertThat(SpiderHardness.rule(4, 0, 0)).isEqualTo(Hardness.EXTRA);
    assertThat(SpiderHardness.rule(1, 1, 0)).isEqualTo(Hardness.HARD);
    assertThat(SpiderHardness.rule(0, 2, 0)).isEqualTo(Hardness.EXTRA);
  }

  @Test
  void unparsableSqlIsAnError() {
    assertThatThrownBy(() -> SpiderHardness.classify("SELEC x")).isInstanceOf(IllegalArgumentException.class);
  }
}
