package dev.quarry.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.DomainLoader;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlValidatorTest {

  private static final SqlValidator VALIDATOR = new SqlValidator(DomainLoader.load("education"));

  private static void assertRejected(String sql, RejectReason reason) {
    Verdict v = VALIDATOR.validate(sql);
    assertThat(v.ok()).as("accepted: %s", sql).isFalse();
    assertThat(v.reason()).as("%s → %s", sql, v.message()).isEqualTo(reason);
    assertThat(v.message()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT count(*) FROM students",
      "SELECT school_name, avg(absence_count) AS mean_absences FROM attendance WHERE school_year = '2024-2025' GROUP BY school_name ORDER BY mean_absences DESC",
      "select s.gender, count(distinct s.student_id) from students s join attendance a on s.student_id = a.student_id where a.is_chronically_absent group by s.gender",
      "WITH per_school AS (SELECT school_name, count(*) AS n FROM discipline GROUP BY school_name) SELECT school_name, n FROM per_school WHERE n > 3",
      "SELECT x.school_name FROM (SELECT school_name, sum(student_count) AS total FROM enrollment GROUP BY school_name) AS x WHERE x.total > 100",
      "SELECT school_name FROM students UNION SELECT school_name FROM enrollment",
      "SELECT student_id FROM students WHERE student_id IN (SELECT student_id FROM discipline WHERE severity = 'High')",
      "SELECT \"school_name\", COUNT(*) FROM \"students\" GROUP BY 1",
      "SELECT EXTRACT(year FROM incident_date) AS y, count(*) FROM discipline GROUP BY y",
      "SELECT course_name, round(avg(gpa), 2), rank() OVER (ORDER BY avg(gpa) DESC) FROM grades GROUP BY course_name",
      "SELECT CASE WHEN english_learner THEN 'EL' ELSE 'non-EL' END AS el, count(*) FROM students GROUP BY el",
      "SELECT count(*) FROM students WHERE special_education = true AND grade_level BETWEEN 9 AND 12",
      "SELECT * FROM students s JOIN grades g USING (student_id) LIMIT 5",
      "SELECT s.* FROM students s WHERE EXISTS (SELECT 1 FROM discipline d WHERE d.student_id = s.student_id)",
      "SELECT 7 // 2",
      "SELECT count(*) FROM discipline WHERE incident_date >= DATE '2024-01-01';",
      "SELECT 1"
  })
  void acceptsReadOnlySelectsOverTheDomain(String sql) {
    Verdict v = VALIDATOR.validate(sql);
    assertThat(v.ok()).as("%s → %s", sql, v).isTrue();
  }

  @Test
  void reportsWhetherTheOutermostQueryIsOrdered() {
    assertThat(VALIDATOR.validate("SELECT gender FROM students ORDER BY gender").ordered()).isTrue();
    assertThat(VALIDATOR.validate("SELECT gender FROM (SELECT gender FROM students ORDER BY gender) t").ordered()).isFalse();
    assertThat(VALIDATOR.validate("SELECT gender FROM students UNION SELECT gender FROM students ORDER BY 1").ordered()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n\t", "-- just a comment", "/* nothing */ ;"})
  void rejectsEmpty(String sql) {
    assertRejected(sql, RejectReason.EMPTY);
  }

  @Test
  void rejectsNull() {
    assertThat(VALIDATOR.validate(null).reason()).isEqualTo(RejectReason.EMPTY);
  }

  @Test
  void rejectsTooLong() {
    assertRejected("SELECT 1" + " ".repeat(SqlValidator.MAX_LENGTH), RejectReason.TOO_LONG);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELEC * FROM students", "SELECT FROM WHERE", "SELECT 'unterminated FROM students",
      "SELECT * FROM students WHERE (", "Robert'); DROP TABLE students;--x"})
  void rejectsUnparsable(String sql) {
    Verdict v = VALIDATOR.validate(sql);
    assertThat(v.ok()).isFalse();
    assertThat(v.reason()).as(sql).isIn(RejectReason.PARSE_ERROR, RejectReason.MULTIPLE_STATEMENTS);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT 7 // 2; DROP TABLE students",
      "SELECT 1; SELECT 2",
      "SELECT count(*) FROM students; SELECT count(*) FROM grades;",
      "SELECT 'a;b' AS x; SELECT 2",
      "SELECT 1 -- comment\n; SELECT 2",
      "SELECT E'\\''; SELECT 2; SELECT ''",
      "SELECT 1; DROP TABLE students",
      "SELECT $$;$$; ATTACH 'x.db'"
  })
  void rejectsSeveralStatements(String sql) {
    assertRejected(sql, RejectReason.MULTIPLE_STATEMENTS);
  }

  @Test
  void semicolonInsideStringOrCommentIsOneStatement() {
    assertThat(VALIDATOR.validate("SELECT count(*) FROM students WHERE gender = 'a;b'").ok()).isTrue();
    assertThat(VALIDATOR.validate("SELECT count(*) FROM students /* ; DROP TABLE x */").ok()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ATTACH 'x.db'", "ATTACH 'x.db' AS x", "DETACH x", "COPY students TO '/tmp/x.csv'",
      "PRAGMA database_list", "PRAGMA enable_profiling", "INSTALL httpfs", "LOAD httpfs", "FORCE INSTALL httpfs",
      "SET threads=8", "SET enable_external_access=true", "RESET threads", "CALL pragma_version()",
      "EXPORT DATABASE '/tmp/out'", "INSERT INTO students VALUES (1)", "UPDATE students SET gender = 'x'",
      "DELETE FROM students", "DROP TABLE students", "CREATE TABLE x AS SELECT 1", "ALTER TABLE students ADD COLUMN x INT",
      "TRUNCATE students", "CHECKPOINT", "  (DROP TABLE students)",
      "WITH x AS (DELETE FROM students RETURNING *) SELECT * FROM x",
      "SELECT * INTO newtable FROM students"
  })
  void rejectsForbiddenStatements(String sql) {
    assertRejected(sql, RejectReason.FORBIDDEN_STATEMENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"VALUES (1)", "TABLE students"})
  void rejectsStatementsThatAreNotSelects(String sql) {
    Verdict v = VALIDATOR.validate(sql);
    assertThat(v.ok()).isFalse();
    assertThat(v.reason()).as(v.toString()).isIn(RejectReason.NOT_A_SELECT, RejectReason.PARSE_ERROR);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT * FROM read_csv('/etc/passwd')",
      "SELECT * FROM read_csv_auto('/etc/passwd')",
      "SELECT * FROM read_parquet('/work/x/*.parquet')",
      "SELECT * FROM glob('/etc/*')",
      "SELECT * FROM read_text('/etc/hostname')",
      "SELECT * FROM query('SELECT 1')",
      "SELECT count(*) FROM students WHERE student_id IN (SELECT * FROM read_csv('/etc/passwd'))",
      "SELECT current_setting('threads')",
      "SELECT * FROM duckdb_settings()",
      "SELECT * FROM students s, LATERAL (SELECT * FROM read_json('/tmp/a.json')) t",
      "SELECT length(repeat('x', 1000000000))"
  })
  void rejectsTableFunctions(String sql) {
    assertRejected(sql, RejectReason.TABLE_FUNCTION);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT * FROM pupils",
      "SELECT * FROM information_schema.tables",
      "SELECT * FROM duckdb_tables",
      "SELECT * FROM main.pupils",
      "SELECT * FROM other.students",
      "SELECT * FROM '/etc/passwd'",
      "SELECT * FROM \"/etc/passwd\"",
      "SELECT count(*) FROM students JOIN teachers ON students.student_id = teachers.student_id",
      "SELECT x.gender FROM students s"
  })
  void rejectsUnknownTables(String sql) {
    Verdict v = VALIDATOR.validate(sql);
    assertThat(v.ok()).as(sql).isFalse();
    assertThat(v.reason()).as("%s → %s", sql, v).isIn(RejectReason.UNKNOWN_TABLE,
        sql.contains("'/etc") ? RejectReason.PARSE_ERROR : RejectReason.UNKNOWN_TABLE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT gpa FROM students",
      "SELECT first_name FROM students",
      "SELECT s.absence_count FROM students s",
      "SELECT count(*) FROM students WHERE school_name = \"Lincoln Elementary\"",
      "SELECT students.height FROM students",
      "SELECT school_name FROM attendance GROUP BY school_nme",
      "WITH t AS (SELECT school_name FROM students) SELECT t.salary FROM t"
  })
  void rejectsUnknownColumns(String sql) {
    assertRejected(sql, RejectReason.UNKNOWN_COLUMN);
  }

  @Test
  void validatorIsSerializable() throws Exception {
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(VALIDATOR);
    }
  }
}
