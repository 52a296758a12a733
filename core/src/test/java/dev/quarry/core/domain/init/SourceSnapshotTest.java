package dev.quarry.core.domain.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.SqlType;
import dev.quarry.core.duckdb.LocalDuckDb;
import dev.quarry.core.snapshot.SchemaHash;
import dev.quarry.core.snapshot.SnapshotError;
import dev.quarry.core.snapshot.SnapshotException;
import dev.quarry.core.snapshot.SnapshotReader;
import dev.quarry.core.snapshot.SnapshotWriter;
import dev.quarry.core.snapshot.SourceSnapshot;
import dev.quarry.core.workspace.Sha256;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet snapshot of an imported domain's source: sorted, deterministic, the same from every engine. */
class SourceSnapshotTest {

  private static final DomainDrafter DRAFTER = new DomainDrafter(Synonyms.NONE);

  @TempDir Path dir;

  private static Domain draft(SourceSpec spec) {
    return DRAFTER.draft(spec, "shop", Descriptions.NONE).domain();
  }

  private static SourceSnapshot snapshot(Domain d, SourceSpec spec, long max) {
    try (SourceCatalog c = SourceCatalog.open(spec)) {
      return SnapshotReader.read(d, c, max);
    }
  }

  /** SHA-256 of every file under {@code root}, by relative path. */
  static Map<String, String> hashes(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Sha256.ofFile(p));
      }
    }
    return out;
  }

  @Test
  void sqliteAndDuckDbGiveByteIdenticalSortedParquet() throws Exception {
    SourceSpec sqlite = SourceSpec.parse("sqlite:" + ShopFixture.sqlite(Files.createDirectories(dir.resolve("a"))));
    SourceSpec duck = SourceSpec.parse("duckdb:" + ShopFixture.duckdb(Files.createDirectories(dir.resolve("b"))));
    Domain fromSqlite = draft(sqlite);
    Domain fromDuck = draft(duck);
    assertThat(SchemaHash.ofDomain(fromDuck)).isEqualTo(SchemaHash.ofDomain(fromSqlite));

    SourceSnapshot s1 = snapshot(fromSqlite, sqlite, 0);
    SourceSnapshot s2 = snapshot(fromDuck, duck, 0);
    assertThat(s1.rowCounts()).containsEntry("customers", 60L).containsEntry("orders", 200L)
        .containsEntry("order_items", 400L).containsEntry("products", 55L);
    assertThat(s2.contentHash()).isEqualTo(s1.contentHash());
    assertThat(s2.schemaHash()).isEqualTo(s1.schemaHash()).isEqualTo(SchemaHash.ofDomain(fromSqlite));

    Path out1 = dir.resolve("out1");
    Path out2 = dir.resolve("out2");
    Map<String, Long> files = SnapshotWriter.write(s1, out1);
    SnapshotWriter.write(s2, out2);
    assertThat(files).containsEntry("customers/part-00000-of-00001.parquet", 60L);
    assertThat(hashes(out2)).isEqualTo(hashes(out1)).hasSize(6);

    // Written again: the same bytes.
    Path out3 = dir.resolve("out3");
    SnapshotWriter.write(snapshot(fromSqlite, sqlite, 0), out3);
    assertThat(hashes(out3)).isEqualTo(hashes(out1));

    // Read back through DuckDB: types kept, rows sorted by the primary key.
    try (Connection c = LocalDuckDb.open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT typeof(order_date), typeof(customer_id) FROM read_parquet('"
            + out1.resolve("orders/*.parquet") + "') LIMIT 1")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("DATE");
      assertThat(rs.getString(2)).isEqualTo("INTEGER");
    }
    try (Connection c = LocalDuckDb.open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT order_id, product_id FROM read_parquet('"
            + out1.resolve("order_items/*.parquet") + "')")) {
      List<String> keys = new ArrayList<>();
      while (rs.next()) {
        keys.add(String.format("%05d-%05d", rs.getInt(1), rs.getInt(2)));
      }
      assertThat(keys).isSorted().hasSize(400);
    }
  }

  @Test
  void postgresGivesTheSameBytesAsSqlite() throws Exception {
    SourceSpec sqlite = SourceSpec.parse("sqlite:" + ShopFixture.sqlite(dir));
    Domain d = draft(sqlite);
    SnapshotWriter.write(snapshot(d, sqlite, 0), dir.resolve("sqlite-out"));
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection()) {
        ShopFixture.postgres(c);
      }
      SourceSpec spec = SourceSpec.parse("postgresql://localhost:" + pg.getPort() + "/postgres");
      SourceSnapshot s;
      try (SourceCatalog c = SourceCatalog.open(spec, new PgCredentials("postgres", null))) {
        Domain fromPg = DRAFTER.draft(c, "shop", Descriptions.NONE).domain();
        assertThat(SchemaHash.ofDomain(fromPg)).isEqualTo(SchemaHash.ofDomain(d));
        s = SnapshotReader.read(fromPg, c, 0);
      }
      SnapshotWriter.write(s, dir.resolve("pg-out"));
    }
    assertThat(hashes(dir.resolve("pg-out"))).isEqualTo(hashes(dir.resolve("sqlite-out")));
  }

  @Test
  void samplesTheRowsWithTheSmallestKeyHashDeterministically() throws Exception {
    SourceSpec sqlite = SourceSpec.parse("sqlite:" + ShopFixture.sqlite(dir));
    Domain d = draft(sqlite);
    SourceSnapshot a = snapshot(d, sqlite, 25);
    SourceSnapshot b = snapshot(d, sqlite, 25);
    assertThat(a.rowCounts()).containsEntry("orders", 25L).containsEntry("returns", 25L);
    assertThat(a.sourceRowCounts()).containsEntry("orders", 200L);
    assertThat(a.contentHash()).isEqualTo(b.contentHash());
    SourceSnapshot.Table orders = a.tables().stream().filter(t -> t.table().name().equals("orders")).findFirst()
        .orElseThrow();
    List<Integer> ids = orders.rows().stream().map(r -> (Integer) r[0]).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(ids).isNotEqualTo(java.util.stream.IntStream.rangeClosed(1, 25).boxed().toList()); // hashed, not first
    Path x = dir.resolve("x");
    Path y = dir.resolve("y");
    SnapshotWriter.write(a, x);
    SnapshotWriter.write(b, y);
    assertThat(hashes(y)).isEqualTo(hashes(x));
  }

  @Test
  void refusesASourceWhoseSchemaChanged() throws Exception {
    Path db = ShopFixture.sqlite(dir);
    SourceSpec sqlite = SourceSpec.parse("sqlite:" + db);
    Domain d = draft(sqlite);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.execute("ALTER TABLE returns RENAME COLUMN reason TO why");
      st.execute("DROP TABLE reviews");
    }
    assertThatThrownBy(() -> snapshot(d, sqlite, 0))
        .isInstanceOf(SnapshotException.class)
        .satisfies(e -> assertThat(((SnapshotException) e).error()).isEqualTo(SnapshotError.SOURCE_SCHEMA_CHANGED))
        .hasMessageContaining("column returns.reason is not in the source")
        .hasMessageContaining("table reviews is not in the source")
        .hasMessageContaining("schema hash")
        .hasMessageContaining("quarry domain init");
  }

  @Test
  void refusesAColumnWhoseTypeChanged() throws Exception {
    SourceSpec sqlite = SourceSpec.parse("sqlite:" + ShopFixture.sqlite(dir));
    Domain d = draft(sqlite);
    List<Domain.Table> tables = new ArrayList<>();
    for (Domain.Table t : d.tables()) {
      List<Domain.Column> cols = t.columns().stream().map(c -> !c.name().equals("qty") ? c
          : new Domain.Column(c.name(), SqlType.DOUBLE, c.role(), c.vocabulary(), c.phrases(), c.whenTrue(),
              c.whenFalse(), c.unit(), c.range())).toList();
      tables.add(new Domain.Table(t.name(), t.description(), t.phrases(), t.sortKey(), cols, t.primaryKey()));
    }
    Domain edited = new Domain(d.name(), d.description(), d.generator(), d.entity(), d.years(), tables, d.joins(),
        d.vocabularies(), d.simulation(), d.abbreviations(), d.source());
    assertThatThrownBy(() -> snapshot(edited, sqlite, 0))
        .hasMessageContaining("column order_items.qty is INTEGER (INTEGER) in the source but DOUBLE in the domain file");
  }

  @Test
  void nullsAreKeptAndSortFirstAnIntegerBeyond32BitsIsRefused() throws Exception {
    Path db = dir.resolve("n.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, label VARCHAR, amount DOUBLE, day DATE, big BIGINT)");
      st.execute("INSERT INTO t VALUES (2, NULL, 1.5, '2024-03-01', 1), (1, 'a', NULL, NULL, 2), (3, 'b', 2.0,"
          + " '2024-03-02 10:00:00', 3)");
    }
    SourceSpec spec = SourceSpec.parse("sqlite:" + db);
    Domain d = draft(spec);
    SourceSnapshot s = snapshot(d, spec, 0);
    Path out = dir.resolve("out");
    SnapshotWriter.write(s, out);
    try (Connection c = LocalDuckDb.open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, label, amount, CAST(day AS VARCHAR) FROM read_parquet('"
            + out.resolve("t/*.parquet") + "')")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getObject(3) + "|" + rs.getString(4));
      }
      assertThat(rows).containsExactly("1|a|null|null", "2|null|1.5|2024-03-01", "3|b|2.0|2024-03-02");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.execute("INSERT INTO t VALUES (4, 'c', 1.0, '2024-03-03', 5000000000)");
    }
    assertThatThrownBy(() -> snapshot(d, spec, 0)).isInstanceOf(SnapshotException.class)
        .satisfies(e -> assertThat(((SnapshotException) e).error()).isEqualTo(SnapshotError.VALUE_UNREADABLE))
        .hasMessageContaining("t.big").hasMessageContaining("32-bit");
  }
}
