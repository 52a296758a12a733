package dev.quarry.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirsTest {

  @Test
  void foldersOfGoneOwnersAreRemovedOthersKept(@TempDir Path base) throws Exception {
    ProcessHandle self = ProcessHandle.current();
    long start = self.info().startInstant().orElseThrow().toEpochMilli();
    Path mine = ScratchDirs.create(base, "quarry-x");
    assertThat(mine.getFileName().toString()).startsWith("quarry-x-" + self.pid() + "-" + start + "-");
    Path dead = Files.createDirectories(base.resolve("quarry-x-999999999-1-abc"));
    Files.writeString(dead.resolve("f"), "left by a killed process");
    Path recycled = Files.createDirectories(base.resolve("quarry-x-" + self.pid() + "-" + (start - 86_400_000L) + "-abc"));
    Path deadFile = Files.writeString(base.resolve("quarry-x-999999998-1-abc.duckdb"), "x");
    Path unrelated = Files.createDirectories(base.resolve("quarry-x-notours"));
    Path otherPrefix = Files.createDirectories(base.resolve("quarry-y-999999999-1-abc"));

    assertThat(ScratchDirs.removeStale(base, "quarry-x")).isEqualTo(3);
    assertThat(dead).doesNotExist();
    assertThat(recycled).as("same pid, other start time: a recycled process id").doesNotExist();
    assertThat(deadFile).doesNotExist();
    assertThat(mine).exists();
    assertThat(unrelated).exists();
    assertThat(otherPrefix).exists();
    assertThat(ScratchDirs.removeStale(base.resolve("missing"), "quarry-x")).isZero();
  }
}
