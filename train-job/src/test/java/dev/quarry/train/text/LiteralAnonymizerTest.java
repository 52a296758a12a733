package dev.quarry.train.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.DomainLoader;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LiteralAnonymizerTest {

  private static final LiteralAnonymizer A = new LiteralAnonymizer(DomainLoader.load("education"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "How many incidents on 2024-01-15 at Lincoln?|SELECT COUNT(*) FROM discipline WHERE incident_date = DATE '2024-01-15' AND school_name = 'Lincoln Elementary'|<date_1>",
      "Referrals after September 19, 2022?|SELECT COUNT(*) FROM discipline WHERE incident_date > DATE '2022-09-19'|<date_1>",
      "Absences in 2023-24 at Kennedy Preparatory|SELECT SUM(absence_count) FROM attendance WHERE school_year = '2023-2024' AND school_name = 'Kennedy Prep'|<year_1>",
      "suspensions by school 23-24|SELECT COUNT(*) FROM discipline WHERE school_year = '2023-2024'|<year_1>",
      "absences SY2022-23|SELECT SUM(absence_count) FROM attendance WHERE school_year = '2022-2023'|<year_1>",
      "enrollment in SY 21-22|SELECT SUM(student_count) FROM enrollment WHERE school_year = '2021-2022'|<year_1>",
      "Absences in 2021-2022|SELECT SUM(absence_count) FROM attendance WHERE school_year = '2021-2022'|<year_1>",
      "Incidents in Jan 2022|SELECT COUNT(*) FROM discipline WHERE strftime(incident_date, '%Y-%m') = '2022-01'|<month_1>",
      "Schools with over 25 incidents|SELECT school_name FROM discipline GROUP BY school_name HAVING COUNT(*) > 25|<num_1>",
      "Records of 6th graders|SELECT COUNT(*) FROM students WHERE grade_level = 6|<num_1>",
      "Average GPA above 2.5|SELECT COUNT(*) FROM grades WHERE gpa > 2.5|<num_1>",
      "How many OSS incidents?|SELECT COUNT(*) FROM discipline WHERE action_taken = 'Out-of-School Suspension'|<actions_1>",
      "How many African American kids?|SELECT COUNT(*) FROM students WHERE race_ethnicity = 'Black or African American'|<race_ethnicities_1>",
      "Grades in maths at Jefferson HS|SELECT COUNT(*) FROM grades WHERE course_name = 'Mathematics' AND school_name = 'Jefferson High'|<courses_1>",
  })
  void everyLiteralFormRoundTrips(String question, String sql, String placeholder) {
    Anonymized a = A.anonymize(question);
    List<String> gold = SqlTokens.tokenize(sql);
    List<String> anon = LiteralAnonymizer.anonymizeSql(gold, a.literals());

    assertThat(a.text()).contains(placeholder);
    assertThat(anon).contains(placeholder).noneMatch(t -> t.startsWith("'") && !t.equals("'%Y-%m'"));
    assertThat(LiteralAnonymizer.restore(anon, a.literals())).isEqualTo(gold);
  }

  @Test
  void shortRangesThatAreNotADeclaredSchoolYearStayNumbers() {
    assertThat(A.anonymize("kids in grades 3-4").literals()).extracting(QuestionLiteral::sqlToken).containsExactly("3", "4");
    assertThat(A.anonymize("between 21-23 absences").literals()).extracting(QuestionLiteral::sqlToken)
        .containsExactly("21", "23");
    assertThat(A.anonymize("absences in 19-20").literals()).extracting(QuestionLiteral::sqlToken)
        .containsExactly("19", "20");
  }

  @Test
  void sameValueSharesOnePlaceholderAndUnknownPlaceholdersStay() {
    Anonymized a = A.anonymize("Kennedy and Kennedy Prep in 2023-24 and 2024-2025");
    assertThat(a.literals()).extracting(QuestionLiteral::placeholder).containsExactly("<schools_1>", "<year_1>", "<year_2>");
    assertThat(LiteralAnonymizer.restore(List.of("<year_2>", "<num_9>"), a.literals()))
        .containsExactly("'2024-2025'", "<num_9>");
  }

  @Test
  void joinedSqlTokensKeepMeaning() {
    String sql = "SELECT ROUND(AVG(gpa), 2) AS x FROM grades WHERE name = 'O''Neil' AND a >= 1.5";
    assertThat(SqlTokens.tokenize(SqlTokens.join(SqlTokens.tokenize(sql)))).isEqualTo(SqlTokens.tokenize(sql));
    assertThat(SqlTokens.tokenize(sql)).contains("'O''Neil'", ">=", "1.5");
  }
}
