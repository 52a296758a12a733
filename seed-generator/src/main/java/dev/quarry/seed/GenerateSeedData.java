package dev.quarry.seed;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.parquet.WriteParquetShards;
import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PDone;

/**
 * Generates a domain's seed data with its {@link SeedGenerator} and writes every table as sorted
 * Parquet shards {@code <outputDir>/<table>/part-<i>-of-<n>.parquet} (see {@link WriteParquetShards}).
 */
public final class GenerateSeedData extends PTransform<PBegin, PDone> {

  private static final long serialVersionUID = 1L;

  private final Domain domain;
  private final long seed;
  private final int scale;
  private final String outputDir;

  /**
   * Creates the transform.
   *
   * @throws IllegalArgumentException if {@code scale < 1} or the domain names an unknown generator
   */
  public GenerateSeedData(Domain domain, long seed, int scale, String outputDir) {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be >= 1, was " + scale);
    }
    SeedGenerators.forDomain(domain);
    this.domain = domain;
    this.seed = seed;
    this.scale = scale;
    this.outputDir = outputDir;
  }

  @Override
  public PDone expand(PBegin begin) {
    Map<String, TableRows> tables = SeedGenerators.forDomain(domain).expand(begin, domain, seed, scale);
    for (Domain.Table table : domain.tables()) {
      TableRows t = tables.get(table.name());
      if (t == null) {
        throw new IllegalStateException("Generator '" + domain.generator() + "' produced no table " + table.name());
      }
      t.rows().apply("Write_" + table.name(),
          WriteParquetShards.of(table, outputDir, t.numShards(), t.shardOf()));
    }
    return PDone.in(begin.getPipeline());
  }
}
