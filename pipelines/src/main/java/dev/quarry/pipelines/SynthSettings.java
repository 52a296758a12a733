package dev.quarry.pipelines;

import dev.quarry.synth.InvalidSynthSettingException;
import dev.quarry.synth.SynthOptions;
import dev.quarry.synth.SynthSetting;
import dev.quarry.synth.SynthSetting.Defaults;
import dev.quarry.synth.SynthSetting.Meaning;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Command-line options of the synth stage (shared by {@code synth} and {@code run}). Each option's name, default,
 * meaning and allowed range are {@link SynthSetting}'s; this class only gives them picocli fields, parameter
 * labels and the {@code (default: …)} of the help.
 */
public final class SynthSettings {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--samples-per-template", paramLabel = "N", defaultValue = "" + Defaults.SAMPLES_PER_TEMPLATE,
      description = Meaning.SAMPLES_PER_TEMPLATE + " (default: ${DEFAULT-VALUE}).")
  int samplesPerTemplate;

  @Option(names = "--questions-per-sql", paramLabel = "N", defaultValue = "" + Defaults.QUESTIONS_PER_SQL,
      description = Meaning.QUESTIONS_PER_SQL + " (default: ${DEFAULT-VALUE}).")
  int questionsPerSql;

  @Option(names = "--query-timeout", paramLabel = "SECONDS", defaultValue = "" + Defaults.QUERY_TIMEOUT_SECONDS,
      description = Meaning.QUERY_TIMEOUT + " (default: ${DEFAULT-VALUE} s).")
  int queryTimeoutSeconds;

  @Option(names = "--row-cap", paramLabel = "N", defaultValue = "" + Defaults.ROW_CAP,
      description = Meaning.ROW_CAP + " (default: ${DEFAULT-VALUE}).")
  int rowCap;

  // No defaultValue: the help says "off"; the field's initial value is the default.
  @Option(names = "--keep-empty", description = Meaning.KEEP_EMPTY + " (default: off: such SQL is dropped).")
  boolean keepEmpty = Defaults.KEEP_EMPTY;

  @Option(names = "--train-fraction", paramLabel = "F", defaultValue = "" + Defaults.TRAIN_FRACTION,
      description = Meaning.TRAIN_FRACTION + " (default: ${DEFAULT-VALUE}).")
  double trainFraction;

  @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "" + Defaults.VALIDATION_FRACTION,
      description = Meaning.VALIDATION_FRACTION + " (default: ${DEFAULT-VALUE}).")
  double validationFraction;

  @Option(names = "--pairs-per-shard", paramLabel = "N", defaultValue = "" + Defaults.PAIRS_PER_SHARD,
      description = Meaning.PAIRS_PER_SHARD + " (default: ${DEFAULT-VALUE}).")
  int pairsPerShard;

  @Option(names = "--rephraser", paramLabel = "KIND", defaultValue = Defaults.REPHRASER,
      description = Meaning.REPHRASER + " (default: ${DEFAULT-VALUE}).")
  String rephraser;

  @Option(names = "--llm-base-url", paramLabel = "URL", description = Meaning.LLM_BASE_URL + " (default: none).")
  String llmBaseUrl;

  @Option(names = "--llm-model", paramLabel = "NAME", description = Meaning.LLM_MODEL + " (default: none).")
  String llmModel;

  @Option(names = "--llm-api-key-env", paramLabel = "VAR", defaultValue = Defaults.LLM_API_KEY_ENV,
      description = Meaning.LLM_API_KEY_ENV + " (default: ${DEFAULT-VALUE}).")
  String llmApiKeyEnv;

  @Option(names = "--self-training-model", paramLabel = "MODEL",
      description = Meaning.SELF_TRAINING_MODEL + " (default: none).")
  String selfTrainingModel;

  @Option(names = "--fail-after-candidates", paramLabel = "N", defaultValue = "" + Defaults.FAIL_AFTER_CANDIDATES,
      hidden = true, description = Meaning.FAIL_AFTER_CANDIDATES + " (default: ${DEFAULT-VALUE}).")
  int failAfterCandidates;

  /** The settings with every option at its default, for jobs built in code. */
  static SynthSettings defaults() {
    return parse();
  }

  /**
   * The settings parsed from {@code args} (synth options only), not yet validated.
   *
   * @throws CommandLine.ParameterException for an unknown option or a value of the wrong type
   */
  static SynthSettings parse(String... args) {
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    return h.settings;
  }

  @CommandLine.Command(name = "defaults")
  private static final class Holder {
    @CommandLine.Mixin SynthSettings settings;
  }

  /**
   * Each setting's value, in {@link SynthSetting} order: every setting this class has an option for (all but
   * {@link SynthSetting#SPREAD_BUCKETS}, which the runner sets); unset strings are {@code null}.
   */
  Map<SynthSetting, Object> values() {
    Map<SynthSetting, Object> m = new EnumMap<>(SynthSetting.class);
    m.put(SynthSetting.SAMPLES_PER_TEMPLATE, samplesPerTemplate);
    m.put(SynthSetting.QUESTIONS_PER_SQL, questionsPerSql);
    m.put(SynthSetting.QUERY_TIMEOUT, queryTimeoutSeconds);
    m.put(SynthSetting.ROW_CAP, rowCap);
    m.put(SynthSetting.KEEP_EMPTY, keepEmpty);
    m.put(SynthSetting.TRAIN_FRACTION, trainFraction);
    m.put(SynthSetting.VALIDATION_FRACTION, validationFraction);
    m.put(SynthSetting.PAIRS_PER_SHARD, pairsPerShard);
    m.put(SynthSetting.REPHRASER, rephraser);
    m.put(SynthSetting.LLM_BASE_URL, llmBaseUrl);
    m.put(SynthSetting.LLM_MODEL, llmModel);
    m.put(SynthSetting.LLM_API_KEY_ENV, llmApiKeyEnv);
    m.put(SynthSetting.SELF_TRAINING_MODEL, selfTrainingModel);
    m.put(SynthSetting.FAIL_AFTER_CANDIDATES, failAfterCandidates);
    return m;
  }

  /**
   * Checks values with {@link SynthSetting#validate(java.util.function.Function)}, the check the pipeline makes
   * too; a setting without an option here counts at its default.
   *
   * @throws CommandLine.ParameterException with the {@link InvalidSynthSettingException}'s message, which names
   *     the option
   */
  void validate() {
    Map<SynthSetting, Object> v = values();
    try {
      SynthSetting.validate(s -> v.containsKey(s) ? v.get(s) : s.defaultValue());
    } catch (InvalidSynthSettingException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /**
   * The settings as manifest options (names as on the command line), in {@link SynthSetting} order: the LLM
   * endpoint only with {@code --rephraser llm}, the self-training model only when set, neither fault injection
   * nor the runner's spread buckets (they change no output of a successful run).
   */
  Map<String, Object> asMap() {
    boolean llm = SynthSetting.LLM.equals(rephraser);
    Map<String, Object> m = new LinkedHashMap<>();
    values().forEach((s, value) -> {
      boolean endpoint = s == SynthSetting.LLM_BASE_URL || s == SynthSetting.LLM_MODEL
          || s == SynthSetting.LLM_API_KEY_ENV || s == SynthSetting.SELF_TRAINING_MODEL;
      if (s != SynthSetting.FAIL_AFTER_CANDIDATES && (!endpoint || llm && value != null)) {
        m.put(s.option(), value);
      }
    });
    return m;
  }

  /** Copies the settings into pipeline options (every setting this class has an option for). */
  void applyTo(SynthOptions po) {
    values().forEach((s, value) -> s.write(po, value));
  }
}
