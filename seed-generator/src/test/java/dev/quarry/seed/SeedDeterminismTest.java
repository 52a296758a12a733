package dev.quarry.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The same seed gives byte-identical files; a different seed gives different data. */
class SeedDeterminismTest {

  private static Map<String, String> digests(SeedRuns.Run run) {
    Map<String, String> out = new TreeMap<>();
    for (Path f : run.result().files()) {
      try {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
        out.put(run.dir().relativize(f).toString(), HexFormat.of().formatHex(d));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  @Test
  void sameSeedGivesByteIdenticalFilesAndAnotherSeedDifferentOnes() {
    Map<String, String> first = digests(SeedRuns.defaultRun());
    SeedRuns.Run again = SeedRuns.run(42, 1, true);
    assertThat(digests(again)).isEqualTo(first);
    assertThat(again.result().rowCounts()).isEqualTo(SeedRuns.defaultRun().result().rowCounts());

    Map<String, String> other = digests(SeedRuns.run(7, 1, true));
    assertThat(other.keySet()).isEqualTo(first.keySet());
    for (String file : first.keySet()) {
      assertThat(other.get(file)).as(file).isNotEqualTo(first.get(file));
    }
  }
}
