package dev.quarry.core.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies nobody uses are removed; copies open in a process, or just written, are kept. */
class NativeLibraryCopiesTest {

  @Test
  void removesOnlyUnusedOldCopies(@TempDir Path tmp) throws Exception {
    FileTime old = FileTime.from(Instant.now().minusSeconds(60));
    Path left = Files.writeString(tmp.resolve("libduckdb_java111.so"), "left by a killed JVM");
    Files.setLastModifiedTime(left, old);
    Path open = Files.writeString(tmp.resolve("libduckdb_java222.so"), "being loaded");
    Files.setLastModifiedTime(open, old);
    Path fresh = Files.writeString(tmp.resolve("libduckdb_java333.so"), "just extracted");
    Path snappy = Files.writeString(tmp.resolve("snappy-1.1.10-0b1c-libsnappyjava.so"), "left by a killed JVM");
    Files.setLastModifiedTime(snappy, old);
    Path other = Files.writeString(tmp.resolve("libother.so"), "not one of the known libraries");
    Files.setLastModifiedTime(other, old);
    try (FileChannel held = FileChannel.open(open, StandardOpenOption.READ)) {
      assertThat(NativeLibraryCopies.removeUnused(tmp)).containsExactlyInAnyOrder(left.toAbsolutePath(),
          snappy.toAbsolutePath());
    }
    assertThat(left).doesNotExist();
    assertThat(snappy).doesNotExist();
    assertThat(open).exists();
    assertThat(fresh).exists();
    assertThat(other).exists();
  }
}
