package dev.quarry.pipelines;

import dev.quarry.synth.SynthOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Command-line options of the synth stage (shared by {@code synth} and {@code run}). */
public final class SynthSettings {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--samples-per-template", paramLabel = "N", defaultValue = "0",
      description = "Value samples drawn per SQL template; 0 = the generator's default (default: ${DEFAULT-VALUE}).")
  int samplesPerTemplate;

  @Option(names = "--questions-per-sql", paramLabel = "N", defaultValue = "0",
      description = "Questions realized per SQL before dedup; 0 = the generator's default (default: ${DEFAULT-VALUE}).")
  int questionsPerSql;

  @Option(names = "--query-timeout", paramLabel = "SECONDS", defaultValue = "5",
      description = "Per-query execution timeout (default: ${DEFAULT-VALUE} s).")
  int queryTimeoutSeconds;

  @Option(names = "--row-cap", paramLabel = "N", defaultValue = "1000",
      description = "Drop SQL whose result has more rows than this (default: ${DEFAULT-VALUE}).")
  int rowCap;

  @Option(names = "--keep-empty", description = "Keep SQL whose result is empty (default: off: such SQL is dropped).")
  boolean keepEmpty;

  @Option(names = "--train-fraction", paramLabel = "F", defaultValue = "0.8",
      description = "Share of distinct SQL in train (default: ${DEFAULT-VALUE}).")
  double trainFraction;

  @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.1",
      description = "Share of distinct SQL in validation; the rest is test (default: ${DEFAULT-VALUE}).")
  double validationFraction;

  @Option(names = "--pairs-per-shard", paramLabel = "N", defaultValue = "10000",
      description = "Target pairs per shard file (default: ${DEFAULT-VALUE}).")
  int pairsPerShard;

  @Option(names = "--rephraser", paramLabel = "KIND", defaultValue = "rules",
      description = "rules (deterministic, offline) or llm (needs --llm-base-url and --llm-model) (default: ${DEFAULT-VALUE}).")
  String rephraser;

  @Option(names = "--llm-base-url", paramLabel = "URL",
      description = "OpenAI-compatible endpoint for --rephraser llm, e.g. http://localhost:8000/v1 (default: none).")
  String llmBaseUrl;

  @Option(names = "--llm-model", paramLabel = "NAME", description = "Model name for --rephraser llm (default: none).")
  String llmModel;

  @Option(names = "--llm-api-key-env", paramLabel = "VAR", defaultValue = "OPENAI_API_KEY",
      description = "Environment variable holding the endpoint's API key (default: ${DEFAULT-VALUE}).")
  String llmApiKeyEnv;

  @Option(names = "--self-training-model", paramLabel = "MODEL",
      description = "Self-training filter for --rephraser llm: keep an LLM rephrasing only when this model "
          + "(e.g. djl:workspace/models/djl-education-s42-x1) maps it to SQL with the gold SQL's result (default: none).")
  String selfTrainingModel;

  @Option(names = "--fail-after-candidates", paramLabel = "N", defaultValue = "0", hidden = true,
      description = "Fault injection for failure tests: each execution worker throws after N candidates.")
  int failAfterCandidates;

  /** The settings with every option at its default, for jobs built in code. */
  static SynthSettings defaults() {
    Holder h = new Holder();
    new CommandLine(h).parseArgs();
    return h.settings;
  }

  @CommandLine.Command(name = "defaults")
  private static final class Holder {
    @CommandLine.Mixin SynthSettings settings;
  }

  /** Checks values; throws a picocli ParameterException naming the option. */
  void validate() {
    CommandLine cl = spec.commandLine();
    if (queryTimeoutSeconds < 1) {
      throw new CommandLine.ParameterException(cl, "Invalid value for option '--query-timeout': must be >= 1");
    }
    if (rowCap < 1) {
      throw new CommandLine.ParameterException(cl, "Invalid value for option '--row-cap': must be >= 1");
    }
    if (samplesPerTemplate < 0 || questionsPerSql < 0) {
      throw new CommandLine.ParameterException(cl,
          "Invalid value for option '--samples-per-template'/'--questions-per-sql': must be >= 0");
    }
    if (pairsPerShard < 1) {
      throw new CommandLine.ParameterException(cl, "Invalid value for option '--pairs-per-shard': must be >= 1");
    }
    if (trainFraction <= 0 || trainFraction >= 1 || validationFraction < 0 || trainFraction + validationFraction > 1) {
      throw new CommandLine.ParameterException(cl, "Invalid values for options '--train-fraction'/'--validation-fraction': "
          + "need 0 < train < 1 and train + validation <= 1");
    }
    if (!rephraser.equals("rules") && !rephraser.equals("llm")) {
      throw new CommandLine.ParameterException(cl, "Invalid value for option '--rephraser': " + rephraser
          + " (expected rules or llm)");
    }
    if (rephraser.equals("llm") && (llmBaseUrl == null || llmModel == null)) {
      throw new CommandLine.ParameterException(cl, "Option '--rephraser llm' needs '--llm-base-url' and '--llm-model'");
    }
    if (selfTrainingModel != null && !rephraser.equals("llm")) {
      throw new CommandLine.ParameterException(cl,
          "Option '--self-training-model' filters LLM rephrasings: it needs '--rephraser llm'");
    }
  }

  /** The settings as manifest options (names as on the command line). */
  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples-per-template", samplesPerTemplate);
    m.put("questions-per-sql", questionsPerSql);
    m.put("query-timeout", queryTimeoutSeconds);
    m.put("row-cap", rowCap);
    m.put("keep-empty", keepEmpty);
    m.put("train-fraction", trainFraction);
    m.put("validation-fraction", validationFraction);
    m.put("pairs-per-shard", pairsPerShard);
    m.put("rephraser", rephraser);
    if (rephraser.equals("llm")) {
      m.put("llm-base-url", llmBaseUrl);
      m.put("llm-model", llmModel);
      m.put("llm-api-key-env", llmApiKeyEnv);
      if (selfTrainingModel != null) {
        m.put("self-training-model", selfTrainingModel);
      }
    }
    return m;
  }

  /** Copies the settings into pipeline options. */
  void applyTo(SynthOptions po) {
    po.setSamplesPerTemplate(samplesPerTemplate);
    po.setQuestionsPerSql(questionsPerSql);
    po.setQueryTimeoutSeconds(queryTimeoutSeconds);
    po.setRowCap(rowCap);
    po.setKeepEmpty(keepEmpty);
    po.setTrainFraction(trainFraction);
    po.setValidationFraction(validationFraction);
    po.setPairsPerShard(pairsPerShard);
    po.setRephraser(rephraser);
    po.setLlmBaseUrl(llmBaseUrl);
    po.setLlmModel(llmModel);
    po.setLlmApiKeyEnv(llmApiKeyEnv);
    po.setSelfTrainingModel(selfTrainingModel);
    po.setFailAfterCandidates(failAfterCandidates);
  }
}
