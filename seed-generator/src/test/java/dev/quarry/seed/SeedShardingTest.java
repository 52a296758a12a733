package dev.quarry.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** At scale 4 (about 10 s with the Direct runner checks off) the grades table (~670,000 rows) is split into two student-id-ordered shards. */
class SeedShardingTest {

  @Test
  void largeTablesAreWrittenAsConsecutiveSortedShards() throws Exception {
    SeedRuns.Run run = SeedRuns.run(42, 4, true);
    System.out.printf("seed run scale 4: %d ms, %d rows%n", run.millis(), run.result().totalRows());
    List<Path> grades = run.result().files().stream().filter(p -> p.getParent().endsWith("grades")).toList();
    assertThat(grades).extracting(p -> p.getFileName().toString())
        .containsExactly("part-00000-of-00002.parquet", "part-00001-of-00002.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      long[] minMax = new long[4];
      for (int i = 0; i < 2; i++) {
        ResultSet rs = st.executeQuery("SELECT min(student_id), max(student_id), count(*) FROM read_parquet('"
            + grades.get(i) + "')");
        rs.next();
        minMax[2 * i] = rs.getLong(1);
        minMax[2 * i + 1] = rs.getLong(2);
        assertThat(rs.getLong(3)).isBetween(200_000L, 500_000L);
      }
      assertThat(minMax[1]).isLessThan(minMax[2]);
      ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + run.dir() + "/grades/*.parquet')");
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(run.result().rowCounts().get("grades"));
    }
  }
}
