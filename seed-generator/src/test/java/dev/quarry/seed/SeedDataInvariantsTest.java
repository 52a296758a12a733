package dev.quarry.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the data rules of the education seed on the shared scale-1, seed-42 run. */
class SeedDataInvariantsTest {

  private static final Domain DOMAIN = DomainLoader.load("education");
  private static SeedRuns.Run run;
  private static Connection db;

  @BeforeAll
  static void generate() throws SQLException {
    run = SeedRuns.defaultRun();
    db = SeedRuns.load(run.dir());
  }

  @AfterAll
  static void close() throws SQLException {
    if (db != null) {
      db.close();
    }
  }

  private static double scalar(String sql) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getDouble(1);
    }
  }

  private static List<List<Object>> rows(String sql) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> r = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          r.add(rs.getObject(i));
        }
        out.add(r);
      }
    }
    return out;
  }

  private static Set<String> servedSchoolGrades() {
    Set<String> served = new HashSet<>();
    for (JsonNode s : DOMAIN.simulation().get("schools")) {
      for (int g = s.get("lowGrade").asInt(); g <= s.get("highGrade").asInt(); g++) {
        served.add(s.get("name").asText() + "|" + g);
      }
    }
    return served;
  }

  @Test
  void resultCountsEqualTheRowsInTheFilesAndScaleOneWritesOneShardPerTable() throws SQLException {
    for (String t : SeedRuns.TABLES) {
      assertThat(run.result().rowCounts().get(t)).as(t).isEqualTo((long) scalar("SELECT count(*) FROM " + t));
    }
    assertThat(run.result().files()).extracting(p -> run.dir().relativize(p).toString())
        .containsExactly("attendance/part-00000-of-00001.parquet", "discipline/part-00000-of-00001.parquet",
            "enrollment/part-00000-of-00001.parquet", "grades/part-00000-of-00001.parquet",
            "students/part-00000-of-00001.parquet");
  }

  @Test
  void duckDbReadsTheDomainSqlTypes() throws SQLException {
    for (Domain.Table t : DOMAIN.tables()) {
      Map<String, String> expected = new LinkedHashMap<>();
      t.columns().forEach(c -> expected.put(c.name(), c.type().name()));
      Map<String, String> actual = new LinkedHashMap<>();
      for (List<Object> r : rows("DESCRIBE " + t.name())) {
        actual.put((String) r.get(0), (String) r.get(1));
      }
      assertThat(actual).as(t.name()).containsExactlyEntriesOf(expected);
    }
  }

  @Test
  void filesAreSortedBySortKeyAndKeysAreUnique() throws SQLException {
    for (Domain.Table t : DOMAIN.tables()) {
      String key = String.join(", ", t.sortKey());
      Path file = run.dir().resolve(t.name()).resolve("part-00000-of-00001.parquet");
      List<List<Object>> keys = rows("SELECT " + key + " FROM read_parquet('" + file
          + "', file_row_number=true) ORDER BY file_row_number");
      for (int i = 1; i < keys.size(); i++) {
        assertThat(compare(keys.get(i - 1), keys.get(i))).as(t.name() + " row " + i).isNegative();
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = ((Comparable) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Test
  void enrollmentHasOneRowPerSchoolYearAndGradeServed() throws SQLException {
    assertThat(scalar("SELECT count(*) FROM enrollment")).isEqualTo(116);
    Set<String> seen = new HashSet<>();
    for (List<Object> r : rows("SELECT DISTINCT school_name || '|' || grade_level FROM enrollment")) {
      seen.add((String) r.get(0));
    }
    assertThat(seen).isEqualTo(servedSchoolGrades());
    assertThat(scalar("SELECT count(DISTINCT school_year) FROM enrollment")).isEqualTo(4);
  }

  @Test
  void enrollmentCountsEqualEnrolledStudentsPerSchoolYearAndGrade() throws SQLException {
    assertThat(scalar("""
        WITH enrolled AS (
          SELECT a.school_name, a.school_year, g.grade_level, count(*) AS n
          FROM attendance a
          JOIN (SELECT DISTINCT student_id, school_year, grade_level FROM grades) g USING (student_id, school_year)
          GROUP BY ALL)
        SELECT count(*) FROM enrollment e
        FULL JOIN enrolled d USING (school_name, school_year, grade_level)
        WHERE e.student_count IS DISTINCT FROM d.n""")).isZero();
    assertThat(scalar("SELECT count(*) FROM attendance")).isEqualTo(scalar("SELECT sum(student_count) FROM enrollment"));
  }

  @Test
  void studentsOnlyAttendGradesTheirSchoolServes() throws SQLException {
    Set<String> taught = new HashSet<>();
    for (List<Object> r : rows("SELECT DISTINCT school_name || '|' || grade_level FROM grades "
        + "UNION SELECT DISTINCT school_name || '|' || grade_level FROM students")) {
      taught.add((String) r.get(0));
    }
    assertThat(servedSchoolGrades()).containsAll(taught);
  }

  @Test
  void chronicAbsenceFollowsTheThresholdAndAffectsAboutFifteenPercent() throws SQLException {
    assertThat(scalar("SELECT count(*) FROM attendance WHERE is_chronically_absent <> (absence_count >= 18)")).isZero();
    assertThat(scalar("SELECT avg(is_chronically_absent::INT) FROM attendance")).isBetween(0.10, 0.20);
    assertThat(scalar("SELECT min(absence_count) FROM attendance")).isGreaterThanOrEqualTo(0);
    assertThat(scalar("SELECT max(absence_count) FROM attendance")).isLessThan(180);
  }

  @Test
  void letterGradesAndGpaFollowTheGradingScale() throws SQLException {
    assertThat(scalar("""
        SELECT count(*) FROM grades WHERE letter_grade <> CASE
          WHEN grade_numeric >= 90 THEN 'A' WHEN grade_numeric >= 80 THEN 'B' WHEN grade_numeric >= 70 THEN 'C'
          WHEN grade_numeric >= 60 THEN 'D' ELSE 'F' END
        OR gpa <> CASE letter_grade WHEN 'A' THEN 4 WHEN 'B' THEN 3 WHEN 'C' THEN 2 WHEN 'D' THEN 1 ELSE 0 END
        OR grade_numeric NOT BETWEEN 0 AND 100""")).isZero();
    assertThat(scalar("SELECT count(DISTINCT letter_grade) FROM grades")).isEqualTo(5);
  }

  @Test
  void everyStudentYearHasSevenCoursesTimesTwoTerms() throws SQLException {
    assertThat(scalar("SELECT count(*) FROM grades")).isEqualTo(14 * scalar("SELECT count(*) FROM attendance"));
    assertThat(scalar("""
        SELECT count(*) FROM attendance a
        LEFT JOIN (SELECT student_id, school_year, school_name, count(*) n FROM grades GROUP BY ALL) g
          USING (student_id, school_year, school_name)
        WHERE g.n IS DISTINCT FROM 14""")).isZero();
  }

  @Test
  void onlySuspensionsHaveDaysSuspended() throws SQLException {
    assertThat(scalar("""
        SELECT count(*) FROM discipline
        WHERE (action_taken IN ('In-School Suspension', 'Out-of-School Suspension')) <> (days_suspended > 0)""")).isZero();
  }

  @Test
  void incidentsHappenOnWeekdaysInsideTheirSchoolYear() throws SQLException {
    assertThat(scalar("""
        SELECT count(*) FROM discipline
        WHERE incident_date < make_date(left(school_year, 4)::INT, 8, 15)
           OR incident_date > make_date(left(school_year, 4)::INT + 1, 6, 15)
           OR dayofweek(incident_date) IN (0, 6)""")).isZero();
  }

  @Test
  void incidentsBelongToStudentsEnrolledThatYearAtThatSchool() throws SQLException {
    assertThat(scalar("""
        SELECT count(*) FROM discipline d
        LEFT JOIN (SELECT DISTINCT student_id, school_year, school_name, grade_level FROM grades) g
          USING (student_id, school_year, school_name, grade_level)
        WHERE g.student_id IS NULL""")).isZero();
  }

  @Test
  void studentsMoveUpOneGradeAYearWithRareRetention() throws SQLException {
    String pairs = """
        WITH sy AS (SELECT DISTINCT student_id, school_year, left(school_year, 4)::INT AS y, school_name, grade_level
                    FROM grades)
        SELECT a.grade_level AS g0, b.grade_level AS g1, a.school_name AS s0, b.school_name AS s1
        FROM sy a JOIN sy b ON a.student_id = b.student_id AND b.y = a.y + 1""";
    double total = scalar("SELECT count(*) FROM (" + pairs + ")");
    assertThat(scalar("SELECT count(*) FROM (" + pairs + ") WHERE g1 NOT IN (g0, g0 + 1)")).isZero();
    double retained = scalar("SELECT count(*) FROM (" + pairs + ") WHERE g1 = g0") / total;
    assertThat(retained).isBetween(0.002, 0.03);
    // No gaps: every student's years are consecutive.
    assertThat(scalar("""
        SELECT count(*) FROM (SELECT student_id, count(*) n, max(left(school_year, 4)::INT) - min(left(school_year, 4)::INT) + 1 span
                              FROM attendance GROUP BY 1) WHERE n <> span""")).isZero();
  }

  @Test
  void schoolChangesFollowTheTransitionsAndSeniorsGraduate() throws SQLException {
    String moves = """
        WITH sy AS (SELECT DISTINCT student_id, left(school_year, 4)::INT AS y, school_name, grade_level FROM grades)
        SELECT a.school_name AS s0, a.grade_level AS g0, b.school_name AS s1, b.grade_level AS g1
        FROM sy a JOIN sy b ON a.student_id = b.student_id AND b.y = a.y + 1""";
    Set<String> allowed = new HashSet<>();
    for (JsonNode t : DOMAIN.simulation().get("transitions")) {
      for (JsonNode to : t.get("to")) {
        allowed.add(t.get("from").asText() + "|" + t.get("afterGrade").asInt() + "|" + to.get("school").asText());
      }
    }
    for (List<Object> r : rows("SELECT DISTINCT s0 || '|' || g0 || '|' || s1 FROM (" + moves + ") WHERE s0 <> s1")) {
      assertThat(allowed).contains((String) r.get(0));
    }
    double toWashington = scalar("SELECT avg((s1 = 'Washington Middle')::INT) FROM (" + moves
        + ") WHERE s0 = 'Lincoln Elementary' AND g0 = 5 AND g1 = 6");
    assertThat(toWashington).isCloseTo(0.7, within(0.12));
    assertThat(scalar("SELECT count(*) FROM (" + moves + ") WHERE g0 = 12 AND g1 <> 12")).isZero();
  }

  @Test
  void studentsRowHoldsSchoolAndGradeOfTheMostRecentYear() throws SQLException {
    assertThat(scalar("SELECT count(*) FROM students")).isEqualTo(scalar("SELECT count(DISTINCT student_id) FROM attendance"));
    assertThat(scalar("""
        SELECT count(*) FROM students s
        JOIN (SELECT DISTINCT ON (student_id) student_id, school_name, grade_level FROM grades
              ORDER BY student_id, school_year DESC) last USING (student_id)
        WHERE s.school_name <> last.school_name OR s.grade_level <> last.grade_level""")).isZero();
  }

  @Test
  void sizesAtScaleOneMatchTheDistrict() throws SQLException {
    for (List<Object> r : rows("SELECT school_year, count(*) FROM attendance GROUP BY 1")) {
      assertThat(((Number) r.get(1)).doubleValue()).as("students in " + r.get(0)).isBetween(2700.0, 3300.0);
    }
    assertThat(scalar("SELECT count(*) FROM attendance")).isBetween(11_000.0, 12_600.0);
    assertThat(scalar("SELECT count(*) FROM discipline")).isBetween(1_000.0, 1_800.0);
    assertThat(scalar("SELECT count(*) FROM students")).isBetween(3_500.0, 5_500.0);
  }

  @Test
  void schoolsFollowTheirGrowthTrends() throws SQLException {
    double jeffersonFirst = scalar("SELECT sum(student_count) FROM enrollment WHERE school_name = 'Jefferson High' AND school_year = '2021-2022'");
    double jeffersonLast = scalar("SELECT sum(student_count) FROM enrollment WHERE school_name = 'Jefferson High' AND school_year = '2024-2025'");
    double lincolnFirst = scalar("SELECT sum(student_count) FROM enrollment WHERE school_name = 'Lincoln Elementary' AND school_year = '2021-2022'");
    double lincolnLast = scalar("SELECT sum(student_count) FROM enrollment WHERE school_name = 'Lincoln Elementary' AND school_year = '2024-2025'");
    assertThat(jeffersonLast).isGreaterThan(jeffersonFirst);
    assertThat(lincolnLast).isLessThan(lincolnFirst);
  }

  @Test
  void disadvantagedAndSpecialEducationStudentsMissMoreDaysAndEarnLowerGrades() throws SQLException {
    for (String flag : List.of("economically_disadvantaged", "special_education")) {
      double absTrue = scalar("SELECT avg(absence_count) FROM attendance JOIN students USING (student_id) WHERE " + flag);
      double absFalse = scalar("SELECT avg(absence_count) FROM attendance JOIN students USING (student_id) WHERE NOT " + flag);
      double gpaTrue = scalar("SELECT avg(gpa) FROM grades JOIN students USING (student_id) WHERE " + flag);
      double gpaFalse = scalar("SELECT avg(gpa) FROM grades JOIN students USING (student_id) WHERE NOT " + flag);
      double incTrue = scalar("SELECT count(*) FROM discipline JOIN students USING (student_id) WHERE " + flag)
          / scalar("SELECT count(*) FROM attendance JOIN students USING (student_id) WHERE " + flag);
      double incFalse = scalar("SELECT count(*) FROM discipline JOIN students USING (student_id) WHERE NOT " + flag)
          / scalar("SELECT count(*) FROM attendance JOIN students USING (student_id) WHERE NOT " + flag);
      assertThat(absTrue).as(flag + " absences").isGreaterThan(absFalse + 1.5);
      assertThat(gpaTrue).as(flag + " gpa").isLessThan(gpaFalse - 0.15);
      assertThat(incTrue).as(flag + " incidents per student-year").isGreaterThan(incFalse * 1.3);
    }
  }

  @Test
  void middleGradesHaveTheMostIncidentsPerStudent() throws SQLException {
    String perStudent = """
        SELECT count(d.incident_id) / count(DISTINCT (g.student_id, g.school_year)) FROM
          (SELECT DISTINCT student_id, school_year, grade_level FROM grades) g
          LEFT JOIN discipline d USING (student_id, school_year)
        WHERE g.grade_level BETWEEN %d AND %d""";
    double elementary = scalar(perStudent.formatted(0, 5));
    double middle = scalar(perStudent.formatted(6, 8));
    double high = scalar(perStudent.formatted(9, 12));
    assertThat(middle).isGreaterThan(high).isGreaterThan(elementary);
  }

  @Test
  void severityDependsOnTypeAndActionOnSeverity() throws SQLException {
    double majorSubstance = scalar("SELECT avg((severity = 'Major')::INT) FROM discipline WHERE incident_type = 'Substance Use'");
    double majorDisruption = scalar("SELECT avg((severity = 'Major')::INT) FROM discipline WHERE incident_type = 'Disruption'");
    assertThat(majorSubstance).isGreaterThan(majorDisruption + 0.2);
    assertThat(scalar("SELECT count(*) FROM discipline WHERE severity = 'Minor' AND action_taken IN "
        + "('In-School Suspension', 'Out-of-School Suspension', 'Expulsion')")).isZero();
    assertThat(scalar("SELECT count(*) FROM discipline WHERE severity = 'Major' AND action_taken = 'Warning'")).isZero();
  }

  @Test
  void absencesDeclineAfterTheFirstCoveredYear() throws SQLException {
    double first = scalar("SELECT avg(absence_count) FROM attendance WHERE school_year = '2021-2022'");
    double last = scalar("SELECT avg(absence_count) FROM attendance WHERE school_year = '2024-2025'");
    assertThat(last).isLessThan(first);
  }
}
