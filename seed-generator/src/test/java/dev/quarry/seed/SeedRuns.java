package dev.quarry.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Test helper: runs the seed pipeline (once per JVM for the default scale-1 run) and opens DuckDB on it. */
final class SeedRuns {

  static final List<String> TABLES = List.of("enrollment", "students", "attendance", "grades", "discipline");

  /** A finished run: its output directory, result and wall time. */
  record Run(Path dir, SeedResult result, long millis) {}

  private static Run defaultRun;

  private SeedRuns() {}

  /** The scale-1, seed-42 education run, shared by all test classes in this JVM. */
  static synchronized Run defaultRun() {
    if (defaultRun == null) {
      defaultRun = run(42, 1);
      System.out.printf("seed run scale 1: %d ms, %d rows, %.0f rows/s%n", defaultRun.millis,
          defaultRun.result.totalRows(), defaultRun.result.totalRows() * 1000.0 / defaultRun.millis);
    }
    return defaultRun;
  }

  /**
   * Runs the pipeline on the Direct runner into a fresh temporary directory, with the runner's
   * immutability and encodability checks on (the shared default run uses them, so every DoFn is checked).
   */
  static Run run(long seed, int scale) {
    return run(seed, scale, false);
  }

  /** As {@link #run(long, int)}; {@code fast} turns the Direct runner's checks off (about 2.5x faster). */
  static Run run(long seed, int scale, boolean fast) {
    try {
      Path dir = Files.createTempDirectory("quarry-seed-test");
      SeedOptions o = PipelineOptionsFactory.fromArgs(fast
          ? new String[] {"--enforceImmutability=false", "--enforceEncodability=false"} : new String[0]).as(SeedOptions.class);
      o.setOutputDir(dir.toString());
      o.setSeed(seed);
      o.setScale(scale);
      long t0 = System.nanoTime();
      SeedResult r = SeedPipeline.run(o);
      return new Run(dir, r, (System.nanoTime() - t0) / 1_000_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens an in-memory DuckDB with one table per seed table, loaded from the run's Parquet files. */
  static Connection load(Path dir) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions=false");
      st.execute("SET autoload_known_extensions=false");
      for (String t : TABLES) {
        st.execute("CREATE TABLE " + t + " AS SELECT * FROM read_parquet('" + dir.resolve(t) + "/*.parquet')");
      }
    }
    return c;
  }
}
