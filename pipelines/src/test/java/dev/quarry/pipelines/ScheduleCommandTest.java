package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.pipelines.schedule.ScheduleLock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScheduleCommandTest {

  @TempDir Path ws;

  @Test
  void refusesWithExit2WhenTheWorkspaceIsLocked() {
    try (ScheduleLock held = ScheduleLock.acquire(ws)) {
      int rc = new CommandLine(new ScheduleCommand((w, r) -> ctx -> {}))
          .execute("--workspace", ws.toString(), "--cron", "0 2 * * *");
      assertThat(rc).isEqualTo(QuarryCli.EXIT_USAGE);
    }
  }

  @Test
  void printsNextFireTimes() {
    int rc = new CommandLine(new ScheduleCommand()).execute("--cron", "0 2 * * *", "--time-zone", "Europe/Berlin",
        "--print-next", "2");
    assertThat(rc).isZero();
  }
}
