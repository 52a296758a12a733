package dev.quarry.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervised worker gives the in-process sandbox's answers, and its hard limits hold for the statements
 * that DuckDB cannot cancel (the examples): each stops within timeout + grace + about a second, the
 * worker is replaced, and this JVM's memory stays flat.
 */
class SupervisedSqlExecutorTest {

  private static final Domain DOMAIN = DomainLoader.load("education");
  private static final Duration TIMEOUT = Duration.ofMillis(1_000);

  @TempDir static Path tmp;
  static Path seed;
  static SqlSandbox local;
  static SupervisedSqlExecutor worker;

  @BeforeAll
  static void open() throws Exception {
    seed = tmp.resolve("seed");
    SeedFixture.write(DOMAIN, seed, 40, Map.of("grades", 200));
    SandboxSettings s = SandboxSettings.defaults().withTimeout(TIMEOUT).withWorkDir(tmp.resolve("work"));
    local = SqlSandbox.open(DOMAIN, seed, s.withIsolation(SandboxSettings.Isolation.IN_PROCESS));
    worker = SupervisedSqlExecutor.open(DOMAIN, seed, s, WorkerLimits.forSettings(s));
  }

  @AfterAll
  static void close() {
    local.close();
    worker.close();
  }

  @Test
  void answersLikeTheInProcessSandbox() {
    for (String sql : List.of(
        "SELECT school_name, count(*) AS n, avg(gpa) FROM grades GROUP BY school_name ORDER BY school_name",
        "SELECT student_id, gender FROM students WHERE student_id < 5",
        "SELECT * FROM nowhere",
        "DROP TABLE students",
        "SELECT 1; DELETE FROM students",
        "SELECT student_id FROM students",
        "")) {
      QueryOutcome a = local.execute(sql);
      QueryOutcome b = worker.execute(sql);
      assertThat(b.status()).as(sql + ": " + b.message()).isEqualTo(a.status());
      assertThat(b.rejectReason()).isEqualTo(a.rejectReason());
      assertThat(b.errorClass()).isEqualTo(a.errorClass());
      assertThat(b.message()).isEqualTo(a.message());
      assertThat(b.columnNames()).isEqualTo(a.columnNames());
      assertThat(b.columnTypes()).isEqualTo(a.columnTypes());
      assertThat(b.rows()).isEqualTo(a.rows());
      assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
    }
    assertThat(worker.tableRowCounts()).isEqualTo(local.tableRowCounts());
  }

  @Test
  void statementsDuckDbCannotCancelStopWithinTheHardLimitAndTheWorkerIsReplaced() {
    long parentBefore = ProcessMemory.rssBytes(ProcessHandle.current().pid());
    long hard = TIMEOUT.toMillis() + worker.limits().grace().toMillis();
    for (String sql : List.of(
        "SELECT len(list_resize([1], 100000000))",
        "SELECT lpad('x', 1000000000, 'y')",
        "SELECT unnest(string_split(lpad('', 20000000, ','), ','))",
        "SELECT count(*) FROM (SELECT unnest(string_split(lpad('', 20000000, ','), ',')) FROM students LIMIT 1) t")) {
      int startsBefore = worker.workerStarts();
      long t0 = System.nanoTime();
      QueryOutcome o = worker.execute(sql);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("%s -> %s %s in %d ms: %s%n", sql, o.status(), o.errorClass(), ms, o.message());
      assertThat(o.status()).as(sql + " → " + o.message()).isIn(QueryOutcome.Status.TIMEOUT, QueryOutcome.Status.ERROR);
      // The hard limit must end it: a hung statement would run for minutes. Generous headroom for a loaded machine.
      assertThat(ms).as(sql + ": " + o.message()).isLessThan(hard + 5_000);
      if (o.status() == QueryOutcome.Status.TIMEOUT || o.errorClass() == ErrorClass.OUT_OF_MEMORY) {
        QueryOutcome after = worker.execute("SELECT count(*) FROM students");
        assertThat(after.rows()).as(after.message()).containsExactly(List.of(40L));
        assertThat(worker.workerStarts()).isEqualTo(startsBefore + 1);
      }
    }
    long parentAfter = ProcessMemory.rssBytes(ProcessHandle.current().pid());
    if (parentBefore > 0) {
      assertThat(parentAfter - parentBefore).isLessThan(200L << 20);
    }
  }

  @Test
  void aWorkerOverItsMemoryCapIsKilledAndTheQuestionIsAResourceError() throws Exception {
    SandboxSettings s = SandboxSettings.defaults().withTimeout(Duration.ofSeconds(20)).withWorkDir(tmp.resolve("work"));
    WorkerLimits small = WorkerLimits.forSettings(s).withRssCapBytes(700L << 20);
    try (SupervisedSqlExecutor w = SupervisedSqlExecutor.open(DOMAIN, seed, s, small)) {
      long t0 = System.nanoTime();
      QueryOutcome o = w.execute("SELECT len(list_resize([1], 400000000)) FROM students LIMIT 1");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      // Ended by the memory cap, not by the 20 s wall-clock limit (that would be TIMEOUT). No bound on the time
      // itself: on a loaded CI machine the allocation alone took 16 s once.
      assertThat(o.errorClass()).as(o.status() + " " + o.message() + " after " + ms + " ms")
          .isEqualTo(ErrorClass.OUT_OF_MEMORY);
      assertThat(o.status()).isNotEqualTo(QueryOutcome.Status.TIMEOUT);
      assertThat(w.workerStarts()).isEqualTo(1);
      assertThat(w.execute("SELECT count(*) FROM students").rows()).containsExactly(List.of(40L));
      assertThat(w.workerStarts()).isEqualTo(2);
    }
  }

  @Test
  void aWorkerKilledFromOutsideIsReplacedOnTheNextStatement() throws Exception {
    SandboxSettings s = SandboxSettings.defaults().withTimeout(TIMEOUT).withWorkDir(tmp.resolve("work"));
    try (SupervisedSqlExecutor w = SupervisedSqlExecutor.open(DOMAIN, seed, s, WorkerLimits.forSettings(s))) {
      ProcessHandle.of(w.workerPid()).orElseThrow().destroyForcibly();
      Thread.sleep(200);
      QueryOutcome o = w.execute("SELECT count(*) FROM students");
      assertThat(o.rows()).as(o.message()).containsExactly(List.of(40L));
      assertThat(w.workerStarts()).isEqualTo(2);
    }
  }

  @Test
  void aWorkerThatCannotRestartFailsItsStatementsAndIsGivenUpAfterThreeTries() throws Exception {
    Path mySeed = tmp.resolve("seed-copy");
    SeedFixture.write(DOMAIN, mySeed, 10, Map.of());
    Path work = tmp.resolve("work-restart");
    SandboxSettings s = SandboxSettings.defaults().withTimeout(TIMEOUT).withWorkDir(work);
    try (SupervisedSqlExecutor w = SupervisedSqlExecutor.open(DOMAIN, mySeed, s, WorkerLimits.forSettings(s))) {
      dev.quarry.core.workspace.ScratchDirs.deleteRecursively(mySeed);
      try (Stream<Path> files = Files.walk(work)) {
        files.filter(f -> f.getFileName().toString().equals("database.duckdb")).forEach(
            dev.quarry.core.workspace.ScratchDirs::deleteRecursively);
      }
      ProcessHandle.of(w.workerPid()).orElseThrow().destroyForcibly();
      Thread.sleep(200);
      for (int i = 0; i < SupervisedSqlExecutor.MAX_FAILED_STARTS; i++) {
        QueryOutcome o = w.execute("SELECT count(*) FROM students");
        assertThat(o.errorClass()).isEqualTo(ErrorClass.WORKER_FAILED);
        assertThat(o.message()).startsWith("SQL worker could not be started: ").contains("enrollment");
      }
      long t0 = System.nanoTime();
      QueryOutcome o = w.execute("SELECT count(*) FROM students");
      assertThat(o.message()).contains("gave up after 3 failed starts in a row");
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(100);
      assertThat(w.workerStarts()).isEqualTo(1 + SupervisedSqlExecutor.MAX_FAILED_STARTS);
    }
  }

  @Test
  void closingRemovesTheScratchFolderAndOpeningRemovesAKilledOwnersFolder() throws Exception {
    Path work = tmp.resolve("scratch");
    Path stale = Files.createDirectories(work.resolve(SupervisedSqlExecutor.SCRATCH_PREFIX + "-999999999-1-abc"));
    Files.writeString(stale.resolve("database.duckdb"), "left by a killed run");
    SandboxSettings s = SandboxSettings.defaults().withWorkDir(work);
    SupervisedSqlExecutor w = SupervisedSqlExecutor.open(DOMAIN, seed, s, WorkerLimits.forSettings(s));
    assertThat(stale).doesNotExist();
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files).hasSize(1);
    }
    w.close();
    w.close();
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files).isEmpty();
    }
    assertThatThrownBy(() -> w.execute("SELECT 1")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void missingSeedDataIsAClearErrorBeforeAnyWorkerStarts(@TempDir Path empty) {
    assertThatThrownBy(() -> SupervisedSqlExecutor.open(DOMAIN, empty, SandboxSettings.defaults(),
        WorkerLimits.forSettings(SandboxSettings.defaults())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enrollment");
  }
}
