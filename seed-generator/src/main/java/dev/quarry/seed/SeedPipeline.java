package dev.quarry.seed;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.parquet.WriteParquetShards;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import dev.quarry.core.beam.PipelineProgress;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/** Runs Stage 1: builds the seed-data pipeline from {@link SeedOptions}, runs it and reports what it wrote. */
public final class SeedPipeline {

  private SeedPipeline() {}

  /**
   * Validates the options, runs the pipeline on the options' runner, waits for it and returns the row
   * counts and files written.
   *
   * @throws IllegalArgumentException naming the option if {@code outputDir} is missing or holds
   *     Parquet files already, {@code scale < 1}, or {@code domain} is unknown or names an unknown
   *     generator
   * @throws IllegalStateException if the pipeline does not finish in state DONE
   */
  public static SeedResult run(SeedOptions options) {
    Domain domain = validate(options);
    Path outputDir = Path.of(options.getOutputDir());
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply("GenerateSeedData",
        new GenerateSeedData(domain, options.getSeed(), options.getScale(), outputDir.toString()));
    PipelineResult result = PipelineProgress.run(pipeline, "seed", 10);
    return new SeedResult(rowCounts(result, domain), parquetFiles(outputDir, domain));
  }

  /**
   * Checks the options and loads the domain.
   *
   * @return the domain named by the options
   * @throws IllegalArgumentException as described in {@link #run}
   */
  static Domain validate(SeedOptions options) {
    String dir = options.getOutputDir();
    if (dir == null || dir.isBlank()) {
      throw new IllegalArgumentException("outputDir is required");
    }
    if (options.getScale() < 1) {
      throw new IllegalArgumentException("scale must be >= 1, was " + options.getScale());
    }
    Domain domain;
    try {
      domain = DomainLoader.load(options.getDomain());
      SeedGenerators.forDomain(domain);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("domain: " + e.getMessage(), e);
    }
    if (!parquetFiles(Path.of(dir), domain).isEmpty()) {
      throw new IllegalArgumentException("outputDir " + dir + " already holds seed Parquet files; pass an empty directory");
    }
    return domain;
  }

  private static Map<String, Long> rowCounts(PipelineResult result, Domain domain) {
    Map<String, Long> byName = PipelineProgress.counters(result, WriteParquetShards.METRICS_NAMESPACE);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : domain.tableNames()) {
      counts.put(table, byName.getOrDefault(WriteParquetShards.counterName(table), 0L));
    }
    return counts;
  }

  private static List<Path> parquetFiles(Path outputDir, Domain domain) {
    List<Path> files = new ArrayList<>();
    for (String table : domain.tableNames()) {
      Path dir = outputDir.resolve(table);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.getFileName().toString().matches("part-\\d{5}-of-\\d{5}\\.parquet"))
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + dir, e);
      }
    }
    files.sort(null);
    return files;
  }
}
