package dev.quarry.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.quarry.core.workspace.StageRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/**
 * A tiny hand-made seed directory (a few rows per education table, written as Parquet by DuckDB, with a
 * manifest) for fast end-to-end tests. {@code variant} shifts the data so that test-suite databases differ.
 */
public final class TinySeed {

  private TinySeed() {}

  /** Writes the tiny seed into {@code dir} (which must not exist) and returns it. */
  public static Path create(Path dir, int variant) {
    int n = 3 + variant; // number of students
    StageRunner.run(new StageRunner.StageRequest("seed", "test", Map.of("variant", variant), (long) variant, Map.of(),
        true), dir, tmp -> {
          try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET autoinstall_known_extensions=false");
            st.execute("SET autoload_known_extensions=false");
            copy(st, tmp, "enrollment", "SELECT '2024-2025'::VARCHAR AS school_year, 'Lincoln Elementary'::VARCHAR AS"
                + " school_name, i::INTEGER AS grade_level, (10 + i + " + variant + ")::INTEGER AS student_count"
                + " FROM range(0, 6) t(i)");
            copy(st, tmp, "students", "SELECT i::INTEGER AS student_id, 'Lincoln Elementary'::VARCHAR AS school_name,"
                + " (i % 6)::INTEGER AS grade_level, CASE WHEN i % 2 = 0 THEN 'Female' ELSE 'Male' END::VARCHAR AS"
                + " gender, 'White'::VARCHAR AS race_ethnicity, (i % 3 = 0) AS english_learner, false AS"
                + " special_education, (i % 2 = 1) AS economically_disadvantaged FROM range(0, " + n + ") t(i)");
            copy(st, tmp, "attendance", "SELECT i::INTEGER AS student_id, 'Lincoln Elementary'::VARCHAR AS school_name,"
                + " '2024-2025'::VARCHAR AS school_year, (i * 7)::INTEGER AS absence_count, (i * 7 >= 7) AS"
                + " is_chronically_absent FROM range(0, " + n + ") t(i)");
            copy(st, tmp, "grades", "SELECT i::INTEGER AS student_id, 'Lincoln Elementary'::VARCHAR AS school_name,"
                + " '2024-2025'::VARCHAR AS school_year, (i % 6)::INTEGER AS grade_level, 'Mathematics'::VARCHAR AS"
                + " course_name, 'Fall'::VARCHAR AS term, CASE WHEN i % 2 = 0 THEN 'A' ELSE 'C' END::VARCHAR AS"
                + " letter_grade, (75.5 + i)::DOUBLE AS grade_numeric, (2.0 + (i % 2))::DOUBLE AS gpa"
                + " FROM range(0, " + n + ") t(i)");
            copy(st, tmp, "discipline", "SELECT i::INTEGER AS incident_id, i::INTEGER AS student_id,"
                + " 'Lincoln Elementary'::VARCHAR AS school_name, '2024-2025'::VARCHAR AS school_year,"
                + " 1::INTEGER AS grade_level, 'Defiance'::VARCHAR AS incident_type, 'Minor'::VARCHAR AS severity,"
                + " 'Warning'::VARCHAR AS action_taken, DATE '2024-10-01' + i::INTEGER AS incident_date,"
                + " 0::INTEGER AS days_suspended FROM range(0, " + n + ") t(i)");
          }
          return new StageRunner.StageOutput(JsonNodeFactory.instance.objectNode(), Map.of());
        });
    return dir;
  }

  private static void copy(Statement st, Path tmp, String table, String select) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(table));
    st.execute("COPY (" + select + ") TO '" + d.resolve("part-00000.parquet") + "' (FORMAT PARQUET)");
  }
}
