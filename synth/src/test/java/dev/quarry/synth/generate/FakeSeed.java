package dev.quarry.synth.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A small but realistic seed dataset of the education domain, written as Parquet with DuckDB: the
 * domain's exact columns and types, values from its vocabularies, school grade spans from its
 * simulation section. 300 students, ~900 attendance rows, ~3,600 grade rows, 300 incidents, 180
 * enrollment rows. Deterministic (values from DuckDB's {@code hash}).
 */
public final class FakeSeed {
  private FakeSeed() {}

  private static final String SCHOOL = "list_element(['Lincoln Elementary','Washington Middle','Jefferson High',"
      + "'Roosevelt Academy','Kennedy Prep'], %s)";
  private static final String LOW = "[0, 6, 9, 0, 6]";
  private static final String SPAN = "[6, 3, 4, 9, 7]";
  private static final String YEARS = "['2021-2022','2022-2023','2023-2024','2024-2025']";

  /** Writes {@code <dir>/<table>/part-00000-of-00001.parquet} for every table; returns {@code dir}. */
  public static Path write(Path dir) throws Exception {
    for (String t : List.of("enrollment", "students", "attendance", "grades", "discipline")) {
      Files.createDirectories(dir.resolve(t));
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions=false");
      st.execute("SET autoload_known_extensions=false");
      st.execute("CREATE TABLE students AS SELECT CAST(i + 1 AS INTEGER) AS student_id, "
          + SCHOOL.formatted("(i % 5) + 1") + " AS school_name, "
          + "CAST(list_element(" + LOW + ", (i % 5) + 1) + hash(i, 1) % list_element(" + SPAN
          + ", (i % 5) + 1) AS INTEGER) AS grade_level, "
          + "CASE WHEN hash(i, 2) % 100 < 48 THEN 'Female' WHEN hash(i, 2) % 100 < 97 THEN 'Male' ELSE 'Nonbinary' END AS gender, "
          + "list_element(['Hispanic or Latino','Hispanic or Latino','Hispanic or Latino','White','White','White',"
          + "'Black or African American','Black or African American','Asian','Two or More Races',"
          + "'American Indian or Alaska Native','Native Hawaiian or Pacific Islander'], CAST(hash(i, 3) % 12 + 1 AS INTEGER)) AS race_ethnicity, "
          + "hash(i, 4) % 100 < 15 AS english_learner, hash(i, 5) % 100 < 15 AS special_education, "
          + "hash(i, 6) % 100 < 45 AS economically_disadvantaged FROM range(300) r(i)");
      st.execute("CREATE TABLE attendance AS SELECT s.student_id, s.school_name, y.school_year, "
          + "CAST(hash(s.student_id, y.k) % 30 AS INTEGER) AS absence_count, "
          + "hash(s.student_id, y.k) % 30 >= 18 AS is_chronically_absent "
          + "FROM students s, (SELECT unnest(" + YEARS + ") AS school_year, unnest([1,2,3,4]) AS k) y "
          + "WHERE (s.student_id + y.k) % 4 <> 0");
      st.execute("CREATE TABLE grades AS SELECT a.student_id, a.school_name, a.school_year, s.grade_level, "
          + "list_element(['Mathematics','English Language Arts','Science','Social Studies','Physical Education','Art','Music'], "
          + "CAST((a.student_id + cx.k + hash(a.school_year) % 7) % 7 + 1 AS INTEGER)) AS course_name, tm.term, "
          + "CAST(45 + hash(a.student_id, a.school_year, cx.k, tm.term) % 55 AS DOUBLE) AS grade_numeric "
          + "FROM attendance a JOIN students s USING (student_id), (SELECT unnest([0, 3]) AS k) cx, "
          + "(SELECT unnest(['Fall','Spring']) AS term) tm");
      st.execute("ALTER TABLE grades ADD COLUMN letter_grade VARCHAR");
      st.execute("ALTER TABLE grades ADD COLUMN gpa DOUBLE");
      st.execute("UPDATE grades SET letter_grade = CASE WHEN grade_numeric >= 90 THEN 'A' WHEN grade_numeric >= 80 THEN 'B' "
          + "WHEN grade_numeric >= 70 THEN 'C' WHEN grade_numeric >= 60 THEN 'D' ELSE 'F' END");
      st.execute("UPDATE grades SET gpa = CASE letter_grade WHEN 'A' THEN 4.0 WHEN 'B' THEN 3.0 WHEN 'C' THEN 2.0 "
          + "WHEN 'D' THEN 1.0 ELSE 0.0 END");
      st.execute("CREATE TABLE discipline AS SELECT CAST(i + 1 AS INTEGER) AS incident_id, s.student_id, s.school_name, "
          + "list_element(" + YEARS + ", CAST(hash(i, 8) % 4 + 1 AS INTEGER)) AS school_year, s.grade_level, "
          + "list_element(['Disruption','Disruption','Defiance','Fighting','Bullying','Harassment','Vandalism','Theft',"
          + "'Substance Use'], CAST(hash(i, 9) % 9 + 1 AS INTEGER)) AS incident_type, "
          + "list_element(['Minor','Minor','Moderate','Major'], CAST(hash(i, 10) % 4 + 1 AS INTEGER)) AS severity, "
          + "list_element(['Warning','Detention','Parent Conference','In-School Suspension','Out-of-School Suspension',"
          + "'Expulsion'], CAST(hash(i, 11) % 6 + 1 AS INTEGER)) AS action_taken "
          + "FROM range(300) r(i) JOIN students s ON s.student_id = CAST(hash(i, 7) % 120 + 1 AS INTEGER)");
      st.execute("ALTER TABLE discipline ADD COLUMN incident_date DATE");
      st.execute("ALTER TABLE discipline ADD COLUMN days_suspended INTEGER");
      st.execute("UPDATE discipline SET incident_date = make_date(CAST(substr(school_year, 1, 4) AS INTEGER), 9, 1) "
          + "+ CAST(hash(incident_id, 12) % 280 AS INTEGER), days_suspended = CASE WHEN action_taken LIKE '%Suspension' "
          + "THEN CAST(1 + hash(incident_id, 13) % 5 AS INTEGER) ELSE 0 END");
      st.execute("CREATE TABLE enrollment AS SELECT y.school_year, s.school_name, CAST(g.grade AS INTEGER) AS grade_level, "
          + "CAST(40 + hash(s.school_name, y.school_year, g.grade) % 60 AS INTEGER) AS student_count "
          + "FROM (SELECT unnest(" + YEARS + ") AS school_year) y, (SELECT unnest(['Lincoln Elementary','Washington Middle',"
          + "'Jefferson High','Roosevelt Academy','Kennedy Prep']) AS school_name, unnest(" + LOW + ") AS lo, unnest(" + SPAN
          + ") AS span) s, (SELECT unnest(range(13)) AS grade) g WHERE g.grade >= s.lo AND g.grade < s.lo + s.span");
      copy(st, dir, "enrollment", "school_year, school_name, grade_level, student_count");
      copy(st, dir, "students", "student_id, school_name, grade_level, gender, race_ethnicity, english_learner, "
          + "special_education, economically_disadvantaged");
      copy(st, dir, "attendance", "student_id, school_name, school_year, absence_count, is_chronically_absent");
      copy(st, dir, "grades", "student_id, school_name, school_year, grade_level, course_name, term, letter_grade, "
          + "grade_numeric, gpa");
      copy(st, dir, "discipline", "incident_id, student_id, school_name, school_year, grade_level, incident_type, "
          + "severity, action_taken, incident_date, days_suspended");
    }
    return dir;
  }

  private static void copy(Statement st, Path dir, String table, String cols) throws SQLException {
    Path out = dir.resolve(table).resolve("part-00000-of-00001.parquet");
    st.execute("COPY (SELECT " + cols + " FROM " + table + ") TO '" + out + "' (FORMAT parquet)");
  }

  /** An in-memory DuckDB connection with the fake seed loaded as tables. */
  static Connection load(Path dir) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions=false");
      st.execute("SET autoload_known_extensions=false");
      for (String t : List.of("enrollment", "students", "attendance", "grades", "discipline")) {
        st.execute("CREATE TABLE " + t + " AS SELECT * FROM read_parquet('" + dir.resolve(t) + "/*.parquet')");
      }
    }
    return c;
  }
}
