package dev.quarry.seed;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Options of the seed-data pipeline ({@link SeedPipeline}). */
public interface SeedOptions extends PipelineOptions {

  @Description("Directory to write <table>/part-<i>-of-<n>.parquet under; should be empty (e.g. a temporary directory).")
  @Validation.Required
  String getOutputDir();

  void setOutputDir(String value);

  @Description("Random seed: the same seed gives byte-identical files, a different seed different data.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description("Size multiplier of the simulated organisation (1 = about 2,900 students a year for education).")
  @Default.Integer(1)
  int getScale();

  void setScale(int value);

  @Description("Built-in domain name or path of a domain.json file.")
  @Default.String("education")
  String getDomain();

  void setDomain(String value);
}
