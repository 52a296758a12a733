package dev.quarry.core.domain.init;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.SqlType;
import dev.quarry.core.snapshot.ColumnDomain;
import dev.quarry.core.snapshot.RowOrder;
import dev.quarry.core.snapshot.SnapshotFuzzer;
import dev.quarry.core.snapshot.SnapshotReader;
import dev.quarry.core.snapshot.SnapshotWriter;
import dev.quarry.core.snapshot.SourceSnapshot;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test-suite databases fuzzed from an imported domain's snapshot (Zhong et al. 2020) on the shop fixture: seeded and
 * byte-identical, keys unique and joins consistent, values from each column's observed domain and boundaries, and
 * queries that agree on the snapshot only by accident told apart while equivalent ones still agree; and, on small
 * hand-made domains, joins that form a cycle (a self-referencing table, two tables referring to each other).
 */
class SnapshotFuzzerTest {

  private static final List<Long> SEEDS = List.of(43L, 44L, 45L);

  @TempDir static Path dir;
  static Domain shop;
  static SourceSnapshot snapshot;

  @BeforeAll
  static void snapshotTheShop() throws Exception {
    SourceSpec spec = SourceSpec.parse("sqlite:" + ShopFixture.sqlite(Files.createDirectories(dir.resolve("src"))));
    shop = new DomainDrafter(Synonyms.NONE).draft(spec, "shop", Descriptions.NONE).domain();
    try (SourceCatalog c = SourceCatalog.open(spec)) {
      snapshot = SnapshotReader.read(shop, c, 0);
    }
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOtherContent() throws Exception {
    // The snapshot read back from its Parquet folder is the snapshot.
    Path snap = dir.resolve("snap");
    if (!Files.isDirectory(snap)) {
      SnapshotWriter.write(snapshot, snap);
    }
    SourceSnapshot back = SnapshotReader.readFolder(shop, snap);
    assertThat(back.contentHash()).isEqualTo(snapshot.contentHash());

    SourceSnapshot a = SnapshotFuzzer.fuzz(shop, back, 43);
    SourceSnapshot b = SnapshotFuzzer.fuzz(shop, SnapshotReader.readFolder(shop, snap), 43);
    assertThat(b.contentHash()).isEqualTo(a.contentHash());
    SnapshotWriter.write(a, dir.resolve("a"));
    SnapshotWriter.write(b, dir.resolve("b"));
    assertThat(SourceSnapshotTest.hashes(dir.resolve("b"))).isEqualTo(SourceSnapshotTest.hashes(dir.resolve("a")))
        .hasSize(6);

    SourceSnapshot c = SnapshotFuzzer.fuzz(shop, snapshot, 44);
    assertThat(c.contentHash()).isNotEqualTo(a.contentHash()).isNotEqualTo(snapshot.contentHash());
    assertThat(c.schemaHash()).isEqualTo(snapshot.schemaHash());
    assertThat(c.rowCounts()).isNotEqualTo(a.rowCounts());
  }

  @Test
  void keysAreUniqueJoinsConsistentAndRowCountsVary() {
    for (long seed : SEEDS) {
      SourceSnapshot f = SnapshotFuzzer.fuzz(shop, snapshot, seed);
      for (SourceSnapshot.Table t : f.tables()) {
        long n = snapshot.rowCounts().get(t.table().name());
        assertThat((long) t.rows().size()).as(t.table().name()).isBetween(Math.min(n, n / 2 - 1), n);
        List<String> pk = t.table().primaryKey();
        if (pk != null && !pk.isEmpty()) {
          int[] idx = pk.stream().mapToInt(t.table().columnNames()::indexOf).toArray();
          Set<List<Object>> seen = new HashSet<>();
          for (Object[] row : t.rows()) {
            List<Object> key = Arrays.stream(idx).mapToObj(i -> row[i]).toList();
            assertThat(key).as(t.table().name() + " key").doesNotContainNull();
            assertThat(seen.add(key)).as(t.table().name() + " key " + key + " unique").isTrue();
          }
        }
      }
      assertThat(shop.joins()).hasSizeGreaterThanOrEqualTo(4);
      for (Domain.Join j : shop.joins()) {
        Set<Object> parent = new HashSet<>(column(f, j.left(), j.leftColumn()));
        List<Object> child = column(f, j.right(), j.rightColumn());
        assertThat(child).as(j.right() + "." + j.rightColumn()).isNotEmpty();
        assertThat(parent).as(j.left() + "." + j.leftColumn() + " holds every " + j.right() + "." + j.rightColumn())
            .containsAll(child);
      }
    }
  }

  @Test
  void valuesComeFromTheObservedDomainOrItsBoundaries() {
    Set<Object> qty = new HashSet<>();
    Set<Object> status = new HashSet<>();
    // Referring join columns take the referenced table's values (checked above), not their own.
    Set<String> referring = new HashSet<>();
    shop.joins().forEach(j -> referring.add(j.right() + "." + j.rightColumn()));
    for (long seed : SEEDS) {
      SourceSnapshot f = SnapshotFuzzer.fuzz(shop, snapshot, seed);
      for (int ti = 0; ti < f.tables().size(); ti++) {
        SourceSnapshot.Table t = f.tables().get(ti);
        for (int ci = 0; ci < t.table().columns().size(); ci++) {
          ColumnDomain d = ColumnDomain.of(snapshot.tables().get(ti), ci);
          if (referring.contains(t.table().name() + "." + d.column().name())) {
            continue;
          }
          for (Object[] row : t.rows()) {
            assertThat(d.allows(row[ci])).as(t.table().name() + "." + d.column().name() + " = " + row[ci]).isTrue();
          }
        }
      }
      qty.addAll(column(f, "order_items", "qty"));
      status.addAll(column(f, "orders", "status"));
    }
    // qty is 1..9 in the snapshot: its boundaries 0 and 10 appear, and nothing else outside it.
    assertThat(qty).contains(0, 1, 9, 10).allMatch(v -> (Integer) v >= 0 && (Integer) v <= 10);
    // status is a closed set: no invented values.
    assertThat(status).containsExactlyInAnyOrder("cancelled", "delivered", "shipped");
    ColumnDomain price = ColumnDomain.of(snapshot.tables().get(shop.tableNames().indexOf("products")), 3);
    assertThat(price.boundaries()).containsExactly(1.75, 69.25, 0.75, 70.25, 0.0);
  }

  @Test
  void nullsOnlyWhereTheSnapshotHasThemAndNeverInKeys() {
    // A copy of the snapshot in which every third return has no reason.
    List<SourceSnapshot.Table> tables = new ArrayList<>();
    for (SourceSnapshot.Table t : snapshot.tables()) {
      List<Object[]> rows = t.rows();
      if (t.table().name().equals("returns")) {
        rows = new ArrayList<>();
        int reason = t.table().columnNames().indexOf("reason");
        for (int i = 0; i < t.rows().size(); i++) {
          Object[] r = t.rows().get(i).clone();
          if (i % 3 == 0) {
            r[reason] = null;
          }
          rows.add(r);
        }
      }
      tables.add(new SourceSnapshot.Table(t.table(), rows, t.sourceRows()));
    }
    SourceSnapshot withNulls = new SourceSnapshot(snapshot.source(), snapshot.schemaHash(), "x", tables);
    int nullReasons = 0;
    for (long seed : SEEDS) {
      SourceSnapshot f = SnapshotFuzzer.fuzz(shop, withNulls, seed);
      nullReasons += (int) column(f, "returns", "reason").stream().filter(v -> v == null).count();
      assertThat(column(f, "orders", "status")).doesNotContainNull();
      assertThat(column(f, "returns", "order_ref")).doesNotContainNull();
    }
    assertThat(nullReasons).isPositive();
  }

  @Test
  void edgeCaseDifferencesAreToldApartAndEquivalentQueriesAgree() throws Exception {
    Path snap = dir.resolve("snap");
    if (!Files.isDirectory(snap)) {
      SnapshotWriter.write(snapshot, snap);
    }
    List<Path> suite = new ArrayList<>();
    for (long seed : SEEDS) {
      Path p = dir.resolve("suite-" + seed);
      SnapshotWriter.write(SnapshotFuzzer.fuzz(shop, snapshot, seed), p);
      suite.add(p);
    }
    // Pairs that agree on the snapshot by accident of its data, and those that agree on any consistent data.
    Map<String, String> accidental = Map.of(
        "SELECT COUNT(*) FROM order_items WHERE qty >= 1", "SELECT COUNT(*) FROM order_items",
        "SELECT COUNT(*) FROM order_items WHERE qty > 8", "SELECT COUNT(*) FROM order_items WHERE qty = 9",
        "SELECT COUNT(*) FROM customers", "SELECT 60");
    Map<String, String> equivalent = Map.of(
        "SELECT COUNT(*) FROM order_items WHERE qty > 5", "SELECT COUNT(*) FROM order_items WHERE qty >= 6",
        "SELECT COUNT(*) FROM orders JOIN customers ON orders.customer_id = customers.customer_id",
        "SELECT COUNT(*) FROM orders",
        "SELECT COUNT(*) FROM order_items JOIN orders ON order_items.order_id = orders.order_id"
            + " JOIN products ON order_items.product_id = products.product_id",
        "SELECT COUNT(*) FROM order_items");
    SandboxSettings settings = SandboxSettings.defaults().withWorkDir(dir.resolve("sandbox"));
    try (SqlSandbox main = SqlSandbox.open(shop, snap, settings)) {
      for (Map.Entry<String, String> e : accidental.entrySet()) {
        assertThat(result(main, e.getKey())).as(e.getKey()).isEqualTo(result(main, e.getValue()));
      }
      for (Map.Entry<String, String> e : equivalent.entrySet()) {
        assertThat(result(main, e.getKey())).as(e.getKey()).isEqualTo(result(main, e.getValue()));
      }
    }
    Set<String> toldApart = new HashSet<>();
    for (Path p : suite) {
      try (SqlSandbox db = SqlSandbox.open(shop, p, settings)) {
        for (Map.Entry<String, String> e : accidental.entrySet()) {
          if (!result(db, e.getKey()).equals(result(db, e.getValue()))) {
            toldApart.add(e.getKey());
          }
        }
        for (Map.Entry<String, String> e : equivalent.entrySet()) {
          assertThat(result(db, e.getKey())).as(p + ": " + e.getKey()).isEqualTo(result(db, e.getValue()));
        }
      }
    }
    assertThat(toldApart).containsExactlyInAnyOrderElementsOf(accidental.keySet());
  }

  @Test
  @Timeout(60)
  void aSelfReferencingTableIsFuzzedWithEveryManagerAmongTheFuzzedEmployees() {
    // employees.manager_id -> employees.employee_id; the first employee has no manager.
    Domain.Table employees = table("employees", List.of("employee_id"),
        column("employee_id", SqlType.INTEGER, ColumnRole.ID), column("name", SqlType.VARCHAR, ColumnRole.TEXT),
        column("manager_id", SqlType.INTEGER, ColumnRole.ID));
    Domain domain = domain(List.of(employees),
        List.of(new Domain.Join("employees", "employees", "employee_id", "manager_id", null, null)));
    List<Object[]> rows = new ArrayList<>();
    for (int id = 1; id <= 60; id++) {
      rows.add(new Object[] {id, "e" + id, id == 1 ? null : (id - 2) / 3 + 1});
    }
    SourceSnapshot snap = snapshot(domain, Map.of("employees", rows));

    assertCycleGuarantees(domain, snap);
    // Not vacuous: some seed drops an employee who manages someone in the snapshot, so copying manager_id as it is
    // would leave dangling managers; and the fuzzed managers are real (only the snapshot's one NULL may repeat).
    boolean droppedAManager = false;
    for (long seed : SEEDS) {
      SourceSnapshot f = SnapshotFuzzer.fuzz(domain, snap, seed);
      Set<Object> ids = new HashSet<>(column(f, "employees", "employee_id"));
      droppedAManager |= !ids.containsAll(column(snap, "employees", "manager_id").stream()
          .filter(v -> v != null).toList());
      List<Object> managers = column(f, "employees", "manager_id");
      assertThat(managers.stream().filter(v -> v != null).count()).as("seed " + seed).isGreaterThan(managers.size() / 2);
    }
    assertThat(droppedAManager).isTrue();
  }

  @Test
  @Timeout(60)
  void twoTablesReferringToEachOtherAreFuzzedWithJoinsConsistentWhicheverComesFirst() {
    // departments.manager_id -> employees.employee_id and employees.dept_id -> departments.dept_id.
    Domain.Table departments = table("departments", List.of("dept_id"),
        column("dept_id", SqlType.INTEGER, ColumnRole.ID), column("dept_name", SqlType.VARCHAR, ColumnRole.TEXT),
        column("manager_id", SqlType.INTEGER, ColumnRole.ID));
    Domain.Table employees = table("employees", List.of("employee_id"),
        column("employee_id", SqlType.INTEGER, ColumnRole.ID), column("name", SqlType.VARCHAR, ColumnRole.TEXT),
        column("dept_id", SqlType.INTEGER, ColumnRole.ID));
    List<Domain.Join> joins = List.of(
        new Domain.Join("departments", "employees", "dept_id"),
        new Domain.Join("employees", "departments", "employee_id", "manager_id", null, null));
    List<Object[]> deptRows = new ArrayList<>();
    for (int d = 1; d <= 12; d++) {
      deptRows.add(new Object[] {d, "dept" + d, d * 5});
    }
    List<Object[]> empRows = new ArrayList<>();
    for (int id = 1; id <= 60; id++) {
      empRows.add(new Object[] {id, "e" + id, (id - 1) % 12 + 1});
    }
    Map<String, List<Object[]>> rows = Map.of("departments", deptRows, "employees", empRows);
    // The cycle is broken at the first table in domain order: either side's referring column is the one filled last.
    for (List<Domain.Table> order : List.of(List.of(departments, employees), List.of(employees, departments))) {
      Domain domain = domain(order, joins);
      SourceSnapshot snap = snapshot(domain, rows);
      assertCycleGuarantees(domain, snap);
      for (long seed : SEEDS) {
        SourceSnapshot f = SnapshotFuzzer.fuzz(domain, snap, seed);
        // Neither side holds a NULL: the snapshot has none in either join column.
        assertThat(column(f, "departments", "manager_id")).as(order.get(0).name() + " first").doesNotContainNull();
        assertThat(column(f, "employees", "dept_id")).as(order.get(0).name() + " first").doesNotContainNull();
      }
    }
  }

  @Test
  @Timeout(60)
  void aCycleThroughAReferringPrimaryKeyIsBrokenAtTheOtherTable() {
    // profiles.account_id (its primary key) -> accounts.account_id and accounts.main_profile -> profiles.account_id:
    // profiles' key can only be drawn from accounts' fuzzed keys if accounts is made first, whatever the domain order.
    Domain.Table profiles = table("profiles", List.of("account_id"),
        column("account_id", SqlType.INTEGER, ColumnRole.ID), column("bio", SqlType.VARCHAR, ColumnRole.TEXT));
    Domain.Table accounts = table("accounts", List.of("account_id"),
        column("account_id", SqlType.INTEGER, ColumnRole.ID), column("main_profile", SqlType.INTEGER, ColumnRole.ID));
    List<Domain.Join> joins = List.of(
        new Domain.Join("accounts", "profiles", "account_id"),
        new Domain.Join("profiles", "accounts", "account_id", "main_profile", null, null));
    List<Object[]> profileRows = new ArrayList<>();
    List<Object[]> accountRows = new ArrayList<>();
    for (int id = 1; id <= 60; id++) {
      profileRows.add(new Object[] {id, "bio" + id});
      accountRows.add(new Object[] {id, id});
    }
    Map<String, List<Object[]>> rows = Map.of("profiles", profileRows, "accounts", accountRows);
    for (List<Domain.Table> order : List.of(List.of(profiles, accounts), List.of(accounts, profiles))) {
      Domain domain = domain(order, joins);
      assertCycleGuarantees(domain, snapshot(domain, rows));
    }
  }

  /**
   * What the fuzzer promises on a domain whose joins form a cycle: it ends, one seed gives the same rows twice (and
   * another seed other rows), primary keys are unique and never NULL, and every non-null value of a join's referring
   * column is among the referenced column's fuzzed values, NULL only in a column that holds NULLs in the snapshot.
   */
  private static void assertCycleGuarantees(Domain domain, SourceSnapshot snap) {
    for (long seed : SEEDS) {
      SourceSnapshot f = SnapshotFuzzer.fuzz(domain, snap, seed);
      SourceSnapshot again = SnapshotFuzzer.fuzz(domain, snap, seed);
      assertThat(again.contentHash()).isEqualTo(f.contentHash());
      assertThat(again.tables()).hasSameSizeAs(f.tables());
      for (int ti = 0; ti < f.tables().size(); ti++) {
        List<Object[]> a = f.tables().get(ti).rows();
        List<Object[]> b = again.tables().get(ti).rows();
        assertThat(b).hasSameSizeAs(a);
        for (int r = 0; r < a.size(); r++) {
          assertThat(b.get(r)).containsExactly(a.get(r));
        }
      }
      assertThat(SnapshotFuzzer.fuzz(domain, snap, seed + 100).contentHash()).isNotEqualTo(f.contentHash());
      for (SourceSnapshot.Table t : f.tables()) {
        assertThat(t.rows()).as(t.table().name()).isNotEmpty();
        int k = t.table().columnNames().indexOf(t.table().primaryKey().get(0));
        Set<Object> seen = new HashSet<>();
        for (Object[] row : t.rows()) {
          assertThat(row[k]).as(t.table().name() + " key").isNotNull();
          assertThat(seen.add(row[k])).as(t.table().name() + " key " + row[k] + " unique").isTrue();
        }
      }
      for (Domain.Join j : domain.joins()) {
        Set<Object> referenced = new HashSet<>(column(f, j.left(), j.leftColumn()));
        List<Object> referring = column(f, j.right(), j.rightColumn());
        String what = "seed " + seed + ": " + j.right() + "." + j.rightColumn() + " -> " + j.left() + "." + j.leftColumn();
        assertThat(referring.stream().filter(v -> v != null).toList()).as(what).isNotEmpty()
            .allMatch(referenced::contains);
        if (!column(snap, j.right(), j.rightColumn()).contains(null)) {
          assertThat(referring).as(what).doesNotContainNull();
        }
      }
    }
  }

  private static Domain.Column column(String name, SqlType type, ColumnRole role) {
    return new Domain.Column(name, type, role, null, List.of(name), null, null, null, null);
  }

  private static Domain.Table table(String name, List<String> primaryKey, Domain.Column... columns) {
    return new Domain.Table(name, null, List.of(name), primaryKey, List.of(columns), primaryKey);
  }

  private static Domain domain(List<Domain.Table> tables, List<Domain.Join> joins) {
    return new Domain("cyclic", "joins in a cycle", null, null, null, tables, joins, Map.of(), null, Map.of(),
        "sqlite:/none.db");
  }

  /** A snapshot of {@code domain} with the given rows per table, sorted as a snapshot is. */
  private static SourceSnapshot snapshot(Domain domain, Map<String, List<Object[]>> rows) {
    List<SourceSnapshot.Table> tables = new ArrayList<>();
    for (Domain.Table t : domain.tables()) {
      List<Object[]> r = new ArrayList<>(rows.get(t.name()));
      r.sort(new RowOrder(t));
      tables.add(new SourceSnapshot.Table(t, r, r.size()));
    }
    return new SourceSnapshot("sqlite:/none.db", "schema", "content", tables);
  }

  /** The single value of a one-row, one-column result, as text. */
  private static String result(SqlSandbox db, String sql) {
    QueryOutcome o = db.execute(sql);
    assertThat(o.isOk()).as(sql + ": " + o.message()).isTrue();
    return String.valueOf(o.rows());
  }

  private static List<Object> column(SourceSnapshot s, String table, String column) {
    SourceSnapshot.Table t = s.tables().stream().filter(x -> x.table().name().equals(table)).findFirst().orElseThrow();
    int i = t.table().columnNames().indexOf(column);
    return t.rows().stream().map(r -> r[i]).toList();
  }
}
