package dev.quarry.synth;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Options of the synth pipeline; validated by {@link SynthPipeline#validate} before anything is built. */
public interface SynthOptions extends PipelineOptions {

  @Description("Directory to write the dataset into (the caller's temporary directory).")
  @Validation.Required
  String getOutputDir();

  void setOutputDir(String value);

  @Description("Seed data directory: <dir>/<table>/*.parquet, as written by the seed stage.")
  @Validation.Required
  String getSeedDir();

  void setSeedDir(String value);

  @Description("Built-in domain name or path of a domain.json.")
  @Default.String("education")
  String getDomain();

  void setDomain(String value);

  @Description("Random seed for sampling values, realization, rephrasing and the split.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description("Value samples per template (more => more candidate SQL).")
  @Default.Integer(0)
  int getSamplesPerTemplate();

  void setSamplesPerTemplate(int value);

  @Description("Questions realized per SQL before deduplication.")
  @Default.Integer(0)
  int getQuestionsPerSql();

  void setQuestionsPerSql(int value);

  @Description("Per-query execution timeout in seconds.")
  @Default.Integer(5)
  int getQueryTimeoutSeconds();

  void setQueryTimeoutSeconds(int value);

  @Description("Results with more rows than this are dropped as oversized.")
  @Default.Integer(1000)
  int getRowCap();

  void setRowCap(int value);

  @Description("Random keys used to spread template specs and candidates over workers: 8 suits the Direct "
      + "runner (one bundle per key); Flink balances its task slots better with 128 or more. Outputs do not depend on it.")
  @Default.Integer(GenerateCandidates.SPREAD_BUCKETS)
  int getSpreadBuckets();

  void setSpreadBuckets(int value);

  @Description("Fault injection for failure tests: each execution worker throws after executing this many "
      + "candidates; 0 (default) = off.")
  @Default.Integer(0)
  @Hidden
  int getFailAfterCandidates();

  void setFailAfterCandidates(int value);

  @Description("Keep pairs whose SQL returns no rows (dropped by default).")
  @Default.Boolean(false)
  boolean getKeepEmpty();

  void setKeepEmpty(boolean value);

  @Description("Share of distinct SQL in the train split.")
  @Default.Double(0.8)
  double getTrainFraction();

  void setTrainFraction(double value);

  @Description("Share of distinct SQL in the validation split (the rest is test).")
  @Default.Double(0.1)
  double getValidationFraction();

  void setValidationFraction(double value);

  @Description("Target pairs per shard file.")
  @Default.Integer(10000)
  int getPairsPerShard();

  void setPairsPerShard(int value);

  @Description("Rephraser: 'rules' (deterministic, offline) or 'llm' (OpenAI-compatible endpoint).")
  @Default.String("rules")
  String getRephraser();

  void setRephraser(String value);

  @Description("Base URL of the OpenAI-compatible chat-completions endpoint, e.g. http://localhost:8000/v1.")
  String getLlmBaseUrl();

  void setLlmBaseUrl(String value);

  @Description("Model name sent to the endpoint.")
  String getLlmModel();

  void setLlmModel(String value);

  @Description("Environment variable holding the endpoint's API key.")
  @Default.String("OPENAI_API_KEY")
  String getLlmApiKeyEnv();

  void setLlmApiKeyEnv(String value);

  @Description("Self-training filter for --rephraser llm: <scheme>:<location> of the current model (e.g. "
      + "djl:workspace/models/djl-education-s42-x1); an LLM rephrasing is kept only when this model maps it to "
      + "SQL with the gold SQL's result. Unset: no filter.")
  String getSelfTrainingModel();

  void setSelfTrainingModel(String value);
}
