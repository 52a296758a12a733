package dev.quarry.seed;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ProbeTest {
  @Test
  void probe() throws Exception {
    SeedRuns.Run r = SeedRuns.defaultRun();
    System.out.println("TIME ms " + r.millis() + " " + r.result());
    try (Connection c = SeedRuns.load(r.dir()); Statement st = c.createStatement()) {
      for (String q : new String[] {
          "SELECT school_year, count(*), avg(absence_count), avg(is_chronically_absent::int) FROM attendance GROUP BY 1 ORDER BY 1",
          "SELECT count(*), avg(is_chronically_absent::int), median(absence_count) FROM attendance",
          "SELECT s.economically_disadvantaged, avg(a.absence_count), avg(a.is_chronically_absent::int) FROM attendance a JOIN students s USING (student_id) GROUP BY 1",
          "SELECT s.special_education, avg(g.gpa), avg(g.grade_numeric) FROM grades g JOIN students s USING (student_id) GROUP BY 1",
          "SELECT s.economically_disadvantaged, avg(g.gpa) FROM grades g JOIN students s USING (student_id) GROUP BY 1",
          "SELECT letter_grade, count(*) FROM grades GROUP BY 1 ORDER BY 1",
          "SELECT school_year, count(*) FROM discipline GROUP BY 1 ORDER BY 1",
          "SELECT grade_level//3, count(*) FROM discipline GROUP BY 1 ORDER BY 1",
          "SELECT incident_type, severity, count(*) FROM discipline GROUP BY ALL ORDER BY 1,2",
          "SELECT action_taken, count(*), avg(days_suspended) FROM discipline GROUP BY 1 ORDER BY 1",
          "SELECT school_name, school_year, sum(student_count) FROM enrollment GROUP BY ALL ORDER BY 1,2",
          "SELECT gender, avg(special_education::int), count(*) FROM students GROUP BY 1",
          "SELECT race_ethnicity, avg(english_learner::int), avg(economically_disadvantaged::int) FROM students GROUP BY 1",
          "SELECT count(*), min(student_id), max(student_id) FROM students"}) {
        System.out.println("Q " + q);
        ResultSet rs = st.executeQuery(q);
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          StringBuilder sb = new StringBuilder("   ");
          for (int i = 1; i <= md.getColumnCount(); i++) sb.append(rs.getString(i)).append(" | ");
          System.out.println(sb);
        }
      }
    }
  }
}
