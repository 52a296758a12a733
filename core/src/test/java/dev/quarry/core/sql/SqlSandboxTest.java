package dev.quarry.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlSandboxTest {

  private static final Domain DOMAIN = DomainLoader.load("education");

  @TempDir
  static Path tmp;

  static Path seed;
  static SqlSandbox sandbox;
  static Map<String, Long> counts;

  @BeforeAll
  static void openSandbox() throws Exception {
    seed = tmp.resolve("seed");
    SeedFixture.write(DOMAIN, seed, 40, Map.of("grades", 200));
    sandbox = SqlSandbox.open(DOMAIN, seed, SandboxSettings.defaults().withWorkDir(tmp.resolve("work")));
    counts = sandbox.tableRowCounts();
  }

  @AfterAll
  static void closeSandbox() {
    sandbox.close();
  }

  @Test
  void runsAGroupByAndReturnsPlainValues() {
    QueryOutcome o = sandbox.execute(
        "SELECT school_name, count(*) AS n, avg(gpa) AS mean_gpa, min(school_year) FROM grades GROUP BY school_name");
    assertThat(o.status()).as(o.message()).isEqualTo(QueryOutcome.Status.OK);
    assertThat(o.columnNames()).containsExactly("school_name", "n", "mean_gpa", "min(school_year)");
    assertThat(o.columnTypes()).containsExactly("VARCHAR", "BIGINT", "DOUBLE", "VARCHAR");
    assertThat(o.rowCount()).isEqualTo(5);
    assertThat(o.rows()).allSatisfy(r -> {
      assertThat(r.get(0)).isInstanceOf(String.class);
      assertThat(r.get(1)).isInstanceOf(Long.class);
      assertThat(r.get(2)).isInstanceOf(Double.class);
    });
    assertThat(o.rows().stream().mapToLong(r -> (Long) r.get(1)).sum()).isEqualTo(200);
    assertThat(o.fingerprint()).hasSize(64);
    assertThat(o.elapsedMicros()).isPositive();
  }

  @Test
  void datesBooleansAndNullsComeBackAsJavaValues() {
    QueryOutcome o = sandbox.execute(
        "SELECT incident_date, incident_date > DATE '2024-09-01' AS late, NULL AS nothing, sum(days_suspended) AS total "
            + "FROM discipline GROUP BY incident_date ORDER BY incident_date LIMIT 2");
    assertThat(o.status()).as(o.message()).isEqualTo(QueryOutcome.Status.OK);
    assertThat(o.ordered()).isTrue();
    assertThat(o.rows().get(0).get(0)).isEqualTo(LocalDate.of(2024, 9, 1));
    assertThat(o.rows().get(0).get(1)).isEqualTo(false);
    assertThat(o.rows().get(0).get(2)).isNull();
    assertThat(o.rows().get(0).get(3)).isInstanceOf(Long.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT 7 // 2; DROP TABLE students",
      "SELECT 1; DELETE FROM students",
      "DROP TABLE students",
      "DELETE FROM attendance",
      "INSERT INTO students SELECT * FROM students",
      "UPDATE grades SET gpa = 0",
      "CREATE TABLE x AS SELECT 1",
      "ATTACH 'x.db' AS x",
      "COPY students TO '/tmp/quarry-x.csv'",
      "SET threads=8",
      "SET enable_external_access=true",
      "INSTALL httpfs",
      "LOAD httpfs",
      "PRAGMA database_list",
      "CALL pragma_version()",
      "EXPORT DATABASE '/tmp/quarry-export'",
      "SELECT * FROM read_csv('/etc/passwd')",
      "SELECT * FROM '/etc/passwd'",
      "SELECT * FROM glob('/*')"
  })
  void hostileSqlIsRejectedAndChangesNothing(String sql) {
    QueryOutcome o = sandbox.execute(sql);
    assertThat(o.status()).as(o.message()).isEqualTo(QueryOutcome.Status.REJECTED);
    assertThat(o.rejectReason()).isNotNull();
    assertThat(sandbox.tableRowCounts()).isEqualTo(counts);
    assertThat(Files.exists(Path.of("/tmp/quarry-x.csv"))).isFalse();
    assertThat(Files.exists(tmp.resolve("work").resolve("x.db"))).isFalse();
  }

  @Test
  void duckDbGateCatchesWhatJsqlParserMisreads() {
    assertThat(sandbox.duckDbGate("SELECT 7 // 2; DROP TABLE students").reason()).isEqualTo(RejectReason.DUCKDB_GATE);
    assertThat(sandbox.duckDbGate("DROP TABLE students").reason()).isEqualTo(RejectReason.DUCKDB_GATE);
    assertThat(sandbox.duckDbGate("SELECT count(*) FROM students").ok()).isTrue();
  }

  @Test
  void lockedDownDatabaseRefusesWritesFileAccessAndSettingsEvenWithoutTheGates() {
    for (String sql : List.of("DROP TABLE students", "DELETE FROM students", "INSERT INTO enrollment SELECT * FROM enrollment",
        "SELECT * FROM read_csv('/etc/passwd')", "COPY students TO '" + tmp.resolve("leak.csv") + "'",
        "ATTACH '" + tmp.resolve("other.db") + "' AS other", "SET enable_external_access=true", "SET lock_configuration=false",
        "LOAD httpfs")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> sandbox.executeUnguardedForTest(sql)).as(sql)
          .isInstanceOf(java.sql.SQLException.class);
    }
    assertThat(sandbox.tableRowCounts()).isEqualTo(counts);
    assertThat(tmp.resolve("leak.csv")).doesNotExist();
    assertThat(tmp.resolve("other.db")).doesNotExist();
  }

  @Test
  void unknownColumnThatSlipsPastTheValidatorIsABinderErrorClassifiedAsUnknownColumn() {
    // the validator lets derived-table columns through loosely; DuckDB's binder is exact
    QueryOutcome o = sandbox.execute("SELECT t.gpa FROM (SELECT student_id FROM grades) t");
    assertThat(o.status()).isEqualTo(QueryOutcome.Status.ERROR);
    assertThat(o.errorClass()).as(o.message()).isEqualTo(ErrorClass.UNKNOWN_COLUMN);
  }

  @Test
  void runtimeErrorsAreErrorsWithTheirClass() {
    QueryOutcome o = sandbox.execute("SELECT CAST(school_name AS INTEGER) FROM students");
    assertThat(o.status()).isEqualTo(QueryOutcome.Status.ERROR);
    assertThat(o.errorClass()).as(o.message()).isEqualTo(ErrorClass.RUNTIME);
    assertThat(sandbox.execute("SELECT count(*) FROM students").isOk()).isTrue();
  }

  @Test
  void rowCapGivesTooManyRows() throws Exception {
    try (SqlSandbox small = SqlSandbox.open(DOMAIN, seed, SandboxSettings.defaults().withMaxRows(10)
        .withReadOnlyDatabase(false))) {
      QueryOutcome over = small.execute("SELECT student_id FROM students");
      assertThat(over.status()).isEqualTo(QueryOutcome.Status.TOO_MANY_ROWS);
      assertThat(over.rowCount()).isEqualTo(11);
      assertThat(over.rows()).isEmpty();
      QueryOutcome exactly = small.execute("SELECT student_id FROM students LIMIT 10");
      assertThat(exactly.status()).isEqualTo(QueryOutcome.Status.OK);
      assertThat(exactly.rowCount()).isEqualTo(10);
    }
  }

  @Test
  void hugeCrossJoinTimesOutAndTheSandboxStaysUsable() {
    try (SqlSandbox quick = SqlSandbox.open(DOMAIN, seed,
        SandboxSettings.defaults().withTimeout(Duration.ofMillis(800)).withReadOnlyDatabase(false))) {
      long t0 = System.nanoTime();
      QueryOutcome o = quick.execute("SELECT count(*) FROM grades a, grades b, grades c, grades d, grades e");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(o.status()).as(o.message()).isEqualTo(QueryOutcome.Status.TIMEOUT);
      assertThat(ms).isLessThan(5_000);
      QueryOutcome rows = quick.execute("SELECT a.student_id FROM grades a, grades b, grades c, grades d");
      assertThat(rows.status()).isIn(QueryOutcome.Status.TIMEOUT, QueryOutcome.Status.TOO_MANY_ROWS);
      QueryOutcome after = quick.execute("SELECT count(*) FROM students");
      assertThat(after.status()).isEqualTo(QueryOutcome.Status.OK);
      assertThat(after.rows()).containsExactly(List.of(40L));
    }
  }

  @Test
  void anErrorRaisedWhileTheResultStreamsKeepsDuckDbsMessage() {
    QueryOutcome o = sandbox.execute("SELECT CASE WHEN n < 3000 THEN n ELSE error('boom at row ' || n) END AS v"
        + " FROM (SELECT row_number() OVER () AS n FROM grades a, grades b) t");
    assertThat(o.status()).isEqualTo(QueryOutcome.Status.ERROR);
    assertThat(o.message()).doesNotContain("Invalid result set").contains("boom at row 3000");
    QueryOutcome cast = sandbox.execute("SELECT CAST(CASE WHEN n < 3000 THEN '1' ELSE 'abc' END AS INTEGER) AS v"
        + " FROM (SELECT row_number() OVER () AS n FROM grades a, grades b) t");
    assertThat(cast.message()).startsWith("Conversion Error: Could not convert string 'abc'");
    assertThat(cast.errorClass()).isEqualTo(ErrorClass.RUNTIME);
  }

  @Test
  void sameResultInAnotherRowOrderHasTheSameFingerprintUnlessOrdered() {
    QueryOutcome asc = sandbox.execute("SELECT student_id, gender FROM students WHERE student_id < 10 ORDER BY student_id");
    QueryOutcome desc = sandbox.execute("SELECT student_id, gender FROM students WHERE student_id < 10 ORDER BY student_id DESC");
    QueryOutcome bag = sandbox.execute("SELECT gender AS g, student_id FROM students WHERE student_id < 10");
    QueryOutcome bag2 = sandbox.execute(
        "SELECT student_id AS id, gender FROM (SELECT * FROM students WHERE student_id < 10 ORDER BY student_id DESC) t");
    assertThat(asc.fingerprint()).isNotEqualTo(desc.fingerprint());
    assertThat(bag.fingerprint()).isNotEqualTo(bag2.fingerprint()); // column order differs
    QueryOutcome bag3 = sandbox.execute("SELECT student_id, gender FROM students WHERE student_id < 10");
    assertThat(bag2.fingerprint()).as(bag2 + "\n" + bag3).isEqualTo(bag3.fingerprint());
  }

  @Test
  void twoSandboxesRunConcurrentlyOnTwoThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Long> job = () -> {
        try (SqlSandbox s = SqlSandbox.open(DOMAIN, seed, SandboxSettings.defaults())) {
          long ok = 0;
          for (int i = 0; i < 50; i++) {
            if (s.execute("SELECT course_name, avg(gpa) FROM grades WHERE grade_level > " + (i % 12)
                + " GROUP BY course_name").isOk()) {
              ok++;
            }
          }
          return ok;
        }
      };
      Future<Long> a = pool.submit(job);
      Future<Long> b = pool.submit(job);
      assertThat(a.get()).isEqualTo(50L);
      assertThat(b.get()).isEqualTo(50L);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closedSandboxRefusesQueriesAndClosesTwiceSafely() throws Exception {
    SqlSandbox s = SqlSandbox.open(DOMAIN, seed, SandboxSettings.defaults());
    assertThat(s.execute("SELECT 1").isOk()).isTrue();
    s.close();
    s.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("SELECT 1"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingASandboxWithAGivenWorkDirRemovesOnlyItsDatabaseFile(@TempDir Path work) throws Exception {
    SqlSandbox s = SqlSandbox.open(DOMAIN, seed, SandboxSettings.defaults().withWorkDir(work));
    try (var files = Files.list(work)) {
      assertThat(files.filter(f -> f.toString().endsWith(".duckdb"))).hasSize(1);
    }
    s.close();
    assertThat(work).exists();
    try (var files = Files.list(work)) {
      assertThat(files.filter(f -> f.toString().endsWith(".duckdb"))).isEmpty();
    }
  }

  @Test
  void missingSeedTableIsAClearError(@TempDir Path empty) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqlSandbox.open(DOMAIN, empty, SandboxSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enrollment");
  }
}
