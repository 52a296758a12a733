package dev.quarry.synth;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of the synth pipeline; validated by {@link SynthPipeline#validate} before anything is built. The
 * settings' defaults, meanings and allowed ranges are {@link SynthSetting}'s (one per getter below, except the
 * output and seed directories, the domain and the seed, which the caller chooses).
 */
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

  @Description(SynthSetting.Meaning.SAMPLES_PER_TEMPLATE + ".")
  @Default.Integer(SynthSetting.Defaults.SAMPLES_PER_TEMPLATE)
  int getSamplesPerTemplate();

  void setSamplesPerTemplate(int value);

  @Description(SynthSetting.Meaning.QUESTIONS_PER_SQL + ".")
  @Default.Integer(SynthSetting.Defaults.QUESTIONS_PER_SQL)
  int getQuestionsPerSql();

  void setQuestionsPerSql(int value);

  @Description(SynthSetting.Meaning.QUERY_TIMEOUT + " in seconds.")
  @Default.Integer(SynthSetting.Defaults.QUERY_TIMEOUT_SECONDS)
  int getQueryTimeoutSeconds();

  void setQueryTimeoutSeconds(int value);

  @Description(SynthSetting.Meaning.ROW_CAP + ".")
  @Default.Integer(SynthSetting.Defaults.ROW_CAP)
  int getRowCap();

  void setRowCap(int value);

  @Description(SynthSetting.Meaning.SPREAD_BUCKETS + ".")
  @Default.Integer(SynthSetting.Defaults.SPREAD_BUCKETS)
  int getSpreadBuckets();

  void setSpreadBuckets(int value);

  @Description(SynthSetting.Meaning.FAIL_AFTER_CANDIDATES + ".")
  @Default.Integer(SynthSetting.Defaults.FAIL_AFTER_CANDIDATES)
  @Hidden
  int getFailAfterCandidates();

  void setFailAfterCandidates(int value);

  @Description(SynthSetting.Meaning.KEEP_EMPTY + ".")
  @Default.Boolean(SynthSetting.Defaults.KEEP_EMPTY)
  boolean getKeepEmpty();

  void setKeepEmpty(boolean value);

  @Description(SynthSetting.Meaning.TRAIN_FRACTION + ".")
  @Default.Double(SynthSetting.Defaults.TRAIN_FRACTION)
  double getTrainFraction();

  void setTrainFraction(double value);

  @Description(SynthSetting.Meaning.VALIDATION_FRACTION + ".")
  @Default.Double(SynthSetting.Defaults.VALIDATION_FRACTION)
  double getValidationFraction();

  void setValidationFraction(double value);

  @Description(SynthSetting.Meaning.PAIRS_PER_SHARD + ".")
  @Default.Integer(SynthSetting.Defaults.PAIRS_PER_SHARD)
  int getPairsPerShard();

  void setPairsPerShard(int value);

  @Description(SynthSetting.Meaning.REPHRASER + ".")
  @Default.String(SynthSetting.Defaults.REPHRASER)
  String getRephraser();

  void setRephraser(String value);

  @Description(SynthSetting.Meaning.LLM_BASE_URL + ".")
  String getLlmBaseUrl();

  void setLlmBaseUrl(String value);

  @Description(SynthSetting.Meaning.LLM_MODEL + ".")
  String getLlmModel();

  void setLlmModel(String value);

  @Description(SynthSetting.Meaning.LLM_API_KEY_ENV + ".")
  @Default.String(SynthSetting.Defaults.LLM_API_KEY_ENV)
  String getLlmApiKeyEnv();

  void setLlmApiKeyEnv(String value);

  @Description(SynthSetting.Meaning.SELF_TRAINING_MODEL + ". Unset: no filter.")
  String getSelfTrainingModel();

  void setSelfTrainingModel(String value);
}
