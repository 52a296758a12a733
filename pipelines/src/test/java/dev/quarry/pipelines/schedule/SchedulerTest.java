package dev.quarry.pipelines.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {

  @TempDir Path ws;
  private final PrintStream console = new PrintStream(new ByteArrayOutputStream());
  private final CronSchedule nightly = CronSchedule.parse("0 2 * * *", ZoneOffset.UTC);

  private Scheduler scheduler(Instant now, ScheduledJob job) {
    return new Scheduler(ws, nightly, job, Clock.fixed(now, ZoneOffset.UTC), console);
  }

  @Test
  void secondSchedulerOnTheSameWorkspaceIsRefused() {
    Scheduler first = scheduler(Instant.parse("2026-11-05T01:00:00Z"), ctx -> {});
    first.start();
    Scheduler second = scheduler(Instant.parse("2026-11-05T01:00:00Z"), ctx -> {});
    assertThatThrownBy(second::start).isInstanceOf(ScheduleLockedException.class)
        .hasMessageContaining("schedule.lock").hasMessageContaining("already running");
    first.stop(Duration.ofSeconds(1));
    Scheduler third = scheduler(Instant.parse("2026-11-05T01:00:00Z"), ctx -> {});
    third.start();
    third.stop(Duration.ofSeconds(1));
  }

  @Test
  void missedRunsAreCaughtUpOnceAtStartUpWithTheirOwnLog() throws Exception {
    new ScheduleState(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T02:00:00Z")).write(ws);
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    List<ZonedDateTime> fires = new java.util.concurrent.CopyOnWriteArrayList<>();
    Instant now = Instant.parse("2026-11-05T03:00:00Z"); // fire times 11-03, 11-04, 11-05 02:00 were missed
    Scheduler s = scheduler(now, ctx -> {
      runs.incrementAndGet();
      fires.add(ctx.fireTime());
      assertThat(ctx.catchUp()).isTrue();
      System.out.println("evaluating for " + ctx.fireTime());
      done.countDown();
    });
    assertThat(s.missedFire()).contains(ZonedDateTime.parse("2026-11-05T02:00Z"));
    s.start();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    waitFor(() -> ScheduleState.read(ws).lastCompletedFire() != null
        && ScheduleState.read(ws).lastCompletedFire().equals(Instant.parse("2026-11-05T02:00:00Z")));
    s.stop(Duration.ofSeconds(2));
    assertThat(runs.get()).isEqualTo(1);
    assertThat(fires).containsExactly(ZonedDateTime.parse("2026-11-05T02:00Z"));

    // The run's own log has the job's stdout and the outcome.
    Path log = ws.resolve("logs/nightly-20261105T030000Z.log");
    assertThat(Files.readString(log)).contains("evaluating for 2026-11-05T02:00Z").contains("finished ok");

    // Restarting the same night: nothing is missed any more.
    Scheduler again = scheduler(now.plusSeconds(600), ctx -> runs.incrementAndGet());
    assertThat(again.missedFire()).isEmpty();
  }

  @Test
  void nothingIsMissedBeforeTheFirstStartOrBeforeTheFireTime() {
    Scheduler s = scheduler(Instant.parse("2026-11-05T03:00:00Z"), ctx -> {});
    assertThat(s.missedFire()).isEmpty(); // no state: first start ever
    s.start();
    s.stop(Duration.ofSeconds(1));
    assertThat(ScheduleState.read(ws).watchingSince()).isEqualTo(Instant.parse("2026-11-05T03:00:00Z"));
    assertThat(ScheduleState.read(ws).lastCompletedFire()).isNull();

    new ScheduleState(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-04T02:00:00Z")).write(ws);
    assertThat(scheduler(Instant.parse("2026-11-05T01:59:00Z"), ctx -> {}).missedFire()).isEmpty();
    assertThat(scheduler(Instant.parse("2026-11-05T02:00:00Z"), ctx -> {}).missedFire())
        .contains(ZonedDateTime.parse("2026-11-05T02:00Z"));
  }

  @Test
  void failedRunDoesNotAdvanceState() {
    new ScheduleState(Instant.parse("2026-11-01T00:00:00Z"), null).write(ws);
    Scheduler s = scheduler(Instant.parse("2026-11-05T02:00:30Z"), ctx -> {
      throw new IllegalStateException("eval exploded");
    });
    assertThat(s.runOnce(ZonedDateTime.parse("2026-11-05T02:00Z"), false)).isFalse();
    assertThat(ScheduleState.read(ws).lastCompletedFire()).isNull();
    assertThat(s.missedFire()).isPresent();
  }

  @Test
  void stopAbandonsARunThatOutlivesTheGracePeriod() throws Exception {
    new ScheduleState(Instant.parse("2026-11-01T00:00:00Z"), null).write(ws);
    CountDownLatch started = new CountDownLatch(1);
    Scheduler s = scheduler(Instant.parse("2026-11-05T02:00:00Z"), ctx -> {
      started.countDown();
      Thread.sleep(60_000); // interrupted on abandon
    });
    s.start(); // catch-up of the 02:00 fire starts at once
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    assertThat(s.stop(Duration.ofMillis(300))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(ScheduleState.read(ws).lastCompletedFire()).isNull();
    try (Stream<Path> logs = Files.list(ws.resolve("logs"))) {
      String log = Files.readString(logs.findFirst().orElseThrow());
      assertThat(log).contains("abandoned at shutdown");
    }
  }

  @Test
  void stopLetsARunFinishWithinTheGracePeriod() throws Exception {
    new ScheduleState(Instant.parse("2026-11-01T00:00:00Z"), null).write(ws);
    CountDownLatch started = new CountDownLatch(1);
    Scheduler s = scheduler(Instant.parse("2026-11-05T02:00:00Z"), ctx -> {
      started.countDown();
      Thread.sleep(300);
    });
    s.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(s.stop(Duration.ofSeconds(10))).isTrue();
    assertThat(ScheduleState.read(ws).lastCompletedFire()).isEqualTo(Instant.parse("2026-11-05T02:00:00Z"));
  }

  @Test
  void cronExpressionsAreUnixFiveFieldInTheGivenZone() {
    CronSchedule berlin = CronSchedule.parse("30 2 * * 1-5", ZoneId.of("Europe/Berlin"));
    assertThat(berlin.next(ZonedDateTime.parse("2026-11-06T12:00Z")).orElseThrow().toInstant())
        .isEqualTo(Instant.parse("2026-11-09T01:30:00Z")); // Monday 02:30 CET
    assertThatThrownBy(() -> CronSchedule.parse("0 0 2 * * ?", ZoneOffset.UTC))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--cron");
  }

  private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
    for (int i = 0; i < 200 && !cond.getAsBoolean(); i++) {
      Thread.sleep(25);
    }
    assertThat(cond.getAsBoolean()).isTrue();
  }
}
