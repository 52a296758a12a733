package dev.quarry.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints queries/s of a GROUP BY on 160k rows: through {@link SqlSandbox#execute} vs raw JDBC. Not a timed assertion. */
@Tag("slow")
class SandboxThroughputTest {

  private static final int QUERIES = 400;

  private static String query(int i) {
    return "SELECT course_name, term, avg(gpa) AS mean_gpa, count(*) AS n FROM grades WHERE grade_level >= "
        + (i % 12) + " GROUP BY course_name, term";
  }

  @Test
  void groupByThroughputThroughTheSandboxAndRaw(@TempDir Path tmp) throws Exception {
    Domain domain = DomainLoader.load("education");
    Path seed = tmp.resolve("seed");
    SeedFixture.write(domain, seed, 1_000, Map.of("grades", 160_000));

    for (boolean readOnly : new boolean[] {true, false}) {
      long t0 = System.nanoTime();
      try (SqlSandbox s = SqlSandbox.open(domain, seed, SandboxSettings.defaults().withReadOnlyDatabase(readOnly))) {
        double openMs = (System.nanoTime() - t0) / 1e6;
        for (int i = 0; i < 50; i++) {
          s.execute(query(i));
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < QUERIES; i++) {
          assertThat(s.execute(query(i)).isOk()).isTrue();
        }
        double secs = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        for (int i = 0; i < QUERIES; i++) {
          s.validator().validate(query(i));
        }
        double validateMs = (System.nanoTime() - t2) / 1e6 / QUERIES;
        long t3 = System.nanoTime();
        for (int i = 0; i < QUERIES; i++) {
          s.duckDbGate(query(i));
        }
        double gateMs = (System.nanoTime() - t3) / 1e6 / QUERIES;
        System.out.printf("sandbox(readOnly=%s): open %.0f ms, execute %.0f q/s (%.2f ms/q; validate %.3f ms, gate %.3f ms)%n",
            readOnly, openMs, QUERIES / secs, secs * 1000 / QUERIES, validateMs, gateMs);
      }
    }

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET threads=1");
      st.execute("CREATE TABLE grades AS SELECT * FROM read_parquet('" + seed.resolve("grades") + "/*.parquet')");
      for (int i = 0; i < 50; i++) {
        drain(st, query(i));
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < QUERIES; i++) {
        drain(st, query(i));
      }
      double secs = (System.nanoTime() - t1) / 1e9;
      System.out.printf("raw JDBC (threads=1): %.0f q/s (%.2f ms/q)%n", QUERIES / secs, secs * 1000 / QUERIES);
    }
  }

  private static void drain(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(3);
      }
    }
  }
}
