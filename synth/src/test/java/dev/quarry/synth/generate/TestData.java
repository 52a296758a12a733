package dev.quarry.synth.generate;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The fake seed and its catalog, built once per test JVM and deleted at exit. */
final class TestData {
  private TestData() {}

  private static Path seed;
  private static ValueCatalog catalog;

  static Domain domain() {
    return DomainLoader.load("education");
  }

  static synchronized Path seedDir() {
    if (seed == null) {
      try {
        Path dir = Files.createTempDirectory("quarry-fake-seed");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        seed = FakeSeed.write(dir);
      } catch (Exception e) {
        throw new IllegalStateException("Cannot write fake seed", e);
      }
    }
    return seed;
  }

  static synchronized ValueCatalog catalog() {
    if (catalog == null) {
      catalog = ValueCatalog.fromSeed(domain(), seedDir());
    }
    return catalog;
  }

  /** A small configuration for quick tests: 12 samples per template. */
  static SynthConfig small() {
    return SynthConfig.defaults().withSamplesPerTemplate(12);
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
