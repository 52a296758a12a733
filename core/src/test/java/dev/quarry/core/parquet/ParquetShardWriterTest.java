package dev.quarry.core.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetShardWriterTest {

  private static final Domain DOMAIN = DomainLoader.load("education");

  @TempDir Path dir;

  private static Row incident(Schema s, int id, int student, LocalDate date) {
    return Row.withSchema(s)
        .addValues(id, student, "Kennedy Prep", "2022-2023", 7, "Fighting", "Major",
            "Out-of-School Suspension", date, 3)
        .build();
  }

  @Test
  void duckDbReadsEveryColumnWithTheDomainSqlType() throws Exception {
    for (Domain.Table t : DOMAIN.tables()) {
      Path f = ParquetShardWriter.shardPath(dir, t.name(), 0, 1);
      ParquetShardWriter.writeSorted(f, t, List.of());
      Map<String, String> expected = new LinkedHashMap<>();
      t.columns().forEach(c -> expected.put(c.name(), c.type().name()));
      assertThat(describe(f)).as(t.name()).isEqualTo(expected);
    }
  }

  @Test
  void writesRowsSortedBySortKeyAndDatesReadBackAsDates() throws Exception {
    Domain.Table t = DOMAIN.requireTable("discipline");
    Schema s = ParquetSchemas.beamSchema(t);
    List<Row> rows = new ArrayList<>(List.of(
        incident(s, 30, 3, LocalDate.of(2022, 10, 3)),
        incident(s, 10, 1, LocalDate.of(2023, 1, 9)),
        incident(s, 20, 2, LocalDate.of(2022, 9, 1))));
    Path f = dir.resolve("d.parquet");
    assertThat(ParquetShardWriter.writeSorted(f, t, rows)).isEqualTo(3);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      ResultSet rs = st.executeQuery(
          "SELECT incident_id, incident_date FROM read_parquet('" + f + "')");
      List<String> got = new ArrayList<>();
      while (rs.next()) {
        got.add(rs.getInt(1) + "@" + rs.getObject(2, LocalDate.class));
      }
      assertThat(got).containsExactly("10@2023-01-09", "20@2022-09-01", "30@2022-10-03");
    }
  }

  @Test
  void sameRowsInAnyOrderGiveByteIdenticalFiles() throws Exception {
    Domain.Table t = DOMAIN.requireTable("discipline");
    Schema s = ParquetSchemas.beamSchema(t);
    List<Row> a = List.of(incident(s, 1, 1, LocalDate.of(2022, 9, 1)), incident(s, 2, 1, LocalDate.of(2022, 9, 2)));
    List<Row> b = List.of(a.get(1), a.get(0));
    Path fa = dir.resolve("a.parquet");
    Path fb = dir.resolve("b.parquet");
    ParquetShardWriter.writeSorted(fa, t, a);
    ParquetShardWriter.writeSorted(fb, t, b);
    assertThat(Files.readAllBytes(fa)).isEqualTo(Files.readAllBytes(fb));
  }

  @Test
  void shardFileNamesArePaddedAndRangeChecked() {
    assertThat(ParquetShardWriter.shardFileName(2, 12)).isEqualTo("part-00002-of-00012.parquet");
    assertThatThrownBy(() -> ParquetShardWriter.shardFileName(3, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<String, String> describe(Path f) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions=false");
      st.execute("SET autoload_known_extensions=false");
      ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + f + "')");
      Map<String, String> types = new LinkedHashMap<>();
      while (rs.next()) {
        types.put(rs.getString("column_name"), rs.getString("column_type"));
      }
      return types;
    }
  }
}
