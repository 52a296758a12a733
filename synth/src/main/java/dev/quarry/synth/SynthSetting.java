package dev.quarry.synth;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The settings of the synth stage: the one place where each option's name, default, allowed range and meaning
 * are declared. The Beam options ({@link SynthOptions}: {@code @Default}/{@code @Description}) and the command
 * line ({@code dev.quarry.pipelines.SynthSettings}: picocli's {@code defaultValue}/{@code description}) read the
 * compile-time constants of {@link Defaults} and {@link Meaning}; both check values with {@link #validate}, so an
 * invalid value gets one message whichever way it came in.
 *
 * <p>{@link #option()} is the setting's name on the command line (without {@code --}) and in the stage manifest;
 * messages quote it as {@code --<option>} because the command line is where users set it. The Beam property
 * ({@code rowCap} for {@code row-cap}) is an implementation detail of {@link SynthOptions}.
 *
 * <p>Like {@code dev.quarry.train.TrainSetting} for the train stage.
 */
public enum SynthSetting {
  /** {@link SynthOptions#getSamplesPerTemplate}: value samples per template, ≥ 0 (0 = the generator's default). */
  SAMPLES_PER_TEMPLATE("samples-per-template", Defaults.SAMPLES_PER_TEMPLATE, Rules.atLeast(0),
      SynthOptions::getSamplesPerTemplate, (o, v) -> o.setSamplesPerTemplate((Integer) v)),
  /** {@link SynthOptions#getQuestionsPerSql}: questions per SQL, ≥ 0 (0 = the generator's default). */
  QUESTIONS_PER_SQL("questions-per-sql", Defaults.QUESTIONS_PER_SQL, Rules.atLeast(0),
      SynthOptions::getQuestionsPerSql, (o, v) -> o.setQuestionsPerSql((Integer) v)),
  /** {@link SynthOptions#getQueryTimeoutSeconds}: per-query timeout in seconds, ≥ 1. */
  QUERY_TIMEOUT("query-timeout", Defaults.QUERY_TIMEOUT_SECONDS, Rules.atLeast(1),
      SynthOptions::getQueryTimeoutSeconds, (o, v) -> o.setQueryTimeoutSeconds((Integer) v)),
  /** {@link SynthOptions#getRowCap}: most result rows a kept SQL may return, ≥ 1. */
  ROW_CAP("row-cap", Defaults.ROW_CAP, Rules.atLeast(1), SynthOptions::getRowCap, (o, v) -> o.setRowCap((Integer) v)),
  /** {@link SynthOptions#getKeepEmpty}: keep SQL with an empty result. */
  KEEP_EMPTY("keep-empty", Defaults.KEEP_EMPTY, Rules.ANY, SynthOptions::getKeepEmpty,
      (o, v) -> o.setKeepEmpty((Boolean) v)),
  /** {@link SynthOptions#getTrainFraction}: share of distinct SQL in train, in (0, 1). */
  TRAIN_FRACTION("train-fraction", Defaults.TRAIN_FRACTION, Rules.fraction(false), SynthOptions::getTrainFraction,
      (o, v) -> o.setTrainFraction((Double) v)),
  /** {@link SynthOptions#getValidationFraction}: share in validation, in [0, 1 − train]; the rest is test. */
  VALIDATION_FRACTION("validation-fraction", Defaults.VALIDATION_FRACTION, Rules.fraction(true),
      SynthOptions::getValidationFraction, (o, v) -> o.setValidationFraction((Double) v)),
  /** {@link SynthOptions#getPairsPerShard}: target pairs per shard file, ≥ 1. */
  PAIRS_PER_SHARD("pairs-per-shard", Defaults.PAIRS_PER_SHARD, Rules.atLeast(1), SynthOptions::getPairsPerShard,
      (o, v) -> o.setPairsPerShard((Integer) v)),
  /** {@link SynthOptions#getRephraser}: {@value Defaults#REPHRASER} or {@value #LLM}. */
  REPHRASER("rephraser", Defaults.REPHRASER, Rules.REPHRASER, SynthOptions::getRephraser,
      (o, v) -> o.setRephraser((String) v)),
  /** {@link SynthOptions#getLlmBaseUrl}: the LLM endpoint (no default; needed by {@value #LLM}). */
  LLM_BASE_URL("llm-base-url", null, Rules.ANY, SynthOptions::getLlmBaseUrl, (o, v) -> o.setLlmBaseUrl((String) v)),
  /** {@link SynthOptions#getLlmModel}: the endpoint's model (no default; needed by {@value #LLM}). */
  LLM_MODEL("llm-model", null, Rules.ANY, SynthOptions::getLlmModel, (o, v) -> o.setLlmModel((String) v)),
  /** {@link SynthOptions#getLlmApiKeyEnv}: environment variable holding the endpoint's API key. */
  LLM_API_KEY_ENV("llm-api-key-env", Defaults.LLM_API_KEY_ENV, Rules.ANY, SynthOptions::getLlmApiKeyEnv,
      (o, v) -> o.setLlmApiKeyEnv((String) v)),
  /** {@link SynthOptions#getSelfTrainingModel}: the self-training filter's model (no default: no filter). */
  SELF_TRAINING_MODEL("self-training-model", null, Rules.ANY, SynthOptions::getSelfTrainingModel,
      (o, v) -> o.setSelfTrainingModel((String) v)),
  /** {@link SynthOptions#getFailAfterCandidates}: fault injection for failure tests, ≥ 0 (0 = off); hidden. */
  FAIL_AFTER_CANDIDATES("fail-after-candidates", Defaults.FAIL_AFTER_CANDIDATES, Rules.atLeast(0),
      SynthOptions::getFailAfterCandidates, (o, v) -> o.setFailAfterCandidates((Integer) v)),
  /**
   * {@link SynthOptions#getSpreadBuckets}: random keys for spreading work over workers, ≥ 1; set from the runner
   * (not a command-line option), never changes outputs.
   */
  SPREAD_BUCKETS("spread-buckets", Defaults.SPREAD_BUCKETS, Rules.atLeast(1), SynthOptions::getSpreadBuckets,
      (o, v) -> o.setSpreadBuckets((Integer) v));

  /** The {@link #REPHRASER} value that selects the LLM rephraser. */
  public static final String LLM = "llm";

  /**
   * Default values, as compile-time constants so that annotations ({@code @Default.Integer(Defaults.ROW_CAP)},
   * picocli's {@code defaultValue = "" + Defaults.ROW_CAP}) can use them. Settings without a default here
   * ({@link #LLM_BASE_URL}, {@link #LLM_MODEL}, {@link #SELF_TRAINING_MODEL}) are unset ({@code null}) by default.
   */
  public static final class Defaults {
    /** {@link #SAMPLES_PER_TEMPLATE}: 0 = the generator's default. */
    public static final int SAMPLES_PER_TEMPLATE = 0;
    /** {@link #QUESTIONS_PER_SQL}: 0 = the generator's default. */
    public static final int QUESTIONS_PER_SQL = 0;
    /** {@link #QUERY_TIMEOUT}, seconds. */
    public static final int QUERY_TIMEOUT_SECONDS = 5;
    /** {@link #ROW_CAP}, rows. */
    public static final int ROW_CAP = 1000;
    /** {@link #KEEP_EMPTY}: off (empty results are dropped). */
    public static final boolean KEEP_EMPTY = false;
    /** {@link #TRAIN_FRACTION}. */
    public static final double TRAIN_FRACTION = 0.8;
    /** {@link #VALIDATION_FRACTION}. */
    public static final double VALIDATION_FRACTION = 0.1;
    /** {@link #PAIRS_PER_SHARD}. */
    public static final int PAIRS_PER_SHARD = 10000;
    /** {@link #REPHRASER}: the deterministic, offline rule-based rephraser. */
    public static final String REPHRASER = "rules";
    /** {@link #LLM_API_KEY_ENV}. */
    public static final String LLM_API_KEY_ENV = "OPENAI_API_KEY";
    /** {@link #FAIL_AFTER_CANDIDATES}: off. */
    public static final int FAIL_AFTER_CANDIDATES = 0;
    /** {@link #SPREAD_BUCKETS}: suits the Direct runner, see {@link GenerateCandidates#SPREAD_BUCKETS}. */
    public static final int SPREAD_BUCKETS = GenerateCandidates.SPREAD_BUCKETS;

    private Defaults() {}
  }

  /**
   * What each setting means, in words for help texts: no final period and no default, so that each front end
   * can append its own {@code (default: …)}. Compile-time constants, for annotations.
   */
  public static final class Meaning {
    /** {@link #SAMPLES_PER_TEMPLATE}. */
    public static final String SAMPLES_PER_TEMPLATE =
        "Value samples drawn per SQL template; 0 = the generator's default";
    /** {@link #QUESTIONS_PER_SQL}. */
    public static final String QUESTIONS_PER_SQL =
        "Questions realized per SQL before dedup; 0 = the generator's default";
    /** {@link #QUERY_TIMEOUT}; the unit (seconds) is left to the front end. */
    public static final String QUERY_TIMEOUT = "Per-query execution timeout";
    /** {@link #ROW_CAP}. */
    public static final String ROW_CAP = "Drop SQL whose result has more rows than this";
    /** {@link #KEEP_EMPTY}. */
    public static final String KEEP_EMPTY = "Keep SQL whose result is empty";
    /** {@link #TRAIN_FRACTION}. */
    public static final String TRAIN_FRACTION = "Share of distinct SQL in train";
    /** {@link #VALIDATION_FRACTION}. */
    public static final String VALIDATION_FRACTION = "Share of distinct SQL in validation; the rest is test";
    /** {@link #PAIRS_PER_SHARD}. */
    public static final String PAIRS_PER_SHARD = "Target pairs per shard file";
    /** {@link #REPHRASER}. */
    public static final String REPHRASER =
        "rules (deterministic, offline) or llm (needs --llm-base-url and --llm-model)";
    /** {@link #LLM_BASE_URL}. */
    public static final String LLM_BASE_URL =
        "OpenAI-compatible endpoint for --rephraser llm, e.g. http://localhost:8000/v1";
    /** {@link #LLM_MODEL}. */
    public static final String LLM_MODEL = "Model name for --rephraser llm";
    /** {@link #LLM_API_KEY_ENV}. */
    public static final String LLM_API_KEY_ENV = "Environment variable holding the endpoint's API key";
    /** {@link #SELF_TRAINING_MODEL}. */
    public static final String SELF_TRAINING_MODEL =
        "Self-training filter for --rephraser llm: keep an LLM rephrasing only when this model "
            + "(e.g. djl:workspace/models/djl-education-s42-x1) maps it to SQL with the gold SQL's result";
    /** {@link #FAIL_AFTER_CANDIDATES}. */
    public static final String FAIL_AFTER_CANDIDATES =
        "Fault injection for failure tests: each execution worker throws after N candidates; 0 = off";
    /** {@link #SPREAD_BUCKETS}. */
    public static final String SPREAD_BUCKETS = "Random keys used to spread template specs and candidates over "
        + "workers: 8 suits the Direct runner (one bundle per key); Flink balances its task slots better with 128 or "
        + "more. Outputs do not depend on it";

    private Meaning() {}
  }

  /** A range rule: the problem with a value (without the setting's name), or null when the value is allowed. */
  @FunctionalInterface
  private interface Rule {
    String problem(Object value);
  }

  private static final class Rules {
    static final Rule ANY = v -> null;
    static final Rule REPHRASER = v -> Defaults.REPHRASER.equals(v) || LLM.equals(v) ? null
        : v + " (expected " + Defaults.REPHRASER + " or " + LLM + ")";

    static Rule atLeast(int min) {
      return v -> (Integer) v >= min ? null : "must be >= " + min + " (was " + v + ")";
    }

    /** (0, 1), or [0, 1) when {@code zeroAllowed}; NaN is refused. */
    static Rule fraction(boolean zeroAllowed) {
      return v -> {
        double d = (Double) v;
        boolean ok = (zeroAllowed ? d >= 0 : d > 0) && d < 1;
        return ok ? null : "must be " + (zeroAllowed ? ">= 0" : "> 0") + " and < 1 (was " + v + ")";
      };
    }
  }

  private final String option;
  private final Object defaultValue;
  private final Rule rule;
  private final Function<SynthOptions, Object> getter;
  private final BiConsumer<SynthOptions, Object> setter;

  SynthSetting(String option, Object defaultValue, Rule rule, Function<SynthOptions, Object> getter,
      BiConsumer<SynthOptions, Object> setter) {
    this.option = option;
    this.defaultValue = defaultValue;
    this.rule = rule;
    this.getter = getter;
    this.setter = setter;
  }

  /** The name on the command line (without {@code --}) and in the stage manifest, e.g. {@code row-cap}. */
  public String option() {
    return option;
  }

  /**
   * The default: an {@link Integer}, {@link Double}, {@link Boolean} or {@link String} as in {@link Defaults}, or
   * {@code null} for a setting that is unset by default.
   */
  public Object defaultValue() {
    return defaultValue;
  }

  /** This setting's value in {@code options} (boxed; {@code null} when unset). */
  public Object read(SynthOptions options) {
    return getter.apply(options);
  }

  /**
   * Sets this setting in {@code options}.
   *
   * @param value of this setting's type (see {@link #defaultValue()}), or {@code null} for an unset string
   * @throws ClassCastException for a value of another type
   */
  public void write(SynthOptions options, Object value) {
    setter.accept(options, value);
  }

  /**
   * Checks one value against this setting's range.
   *
   * @param value of this setting's type (see {@link #defaultValue()})
   * @throws InvalidSynthSettingException naming this setting, e.g. {@code Invalid value for option '--row-cap':
   *     must be >= 1 (was 0)}
   */
  public void check(Object value) {
    String problem = rule.problem(value);
    if (problem != null) {
      throw new InvalidSynthSettingException(this, problem);
    }
  }

  /**
   * Checks every setting's value, in declaration order, then the rules between settings (train + validation
   * fractions ≤ 1; {@value #LLM} needs {@link #LLM_BASE_URL} and {@link #LLM_MODEL}; {@link #SELF_TRAINING_MODEL}
   * needs {@value #LLM}). The one validation of synth settings, used by the Beam options
   * ({@link SynthPipeline#validate}) and the command line.
   *
   * @param values each setting's value (boxed, {@code null} when unset)
   * @throws InvalidSynthSettingException naming the first bad setting (or pair of settings)
   */
  public static void validate(Function<SynthSetting, Object> values) {
    for (SynthSetting s : values()) {
      s.check(values.apply(s));
    }
    double train = (Double) values.apply(TRAIN_FRACTION);
    double validation = (Double) values.apply(VALIDATION_FRACTION);
    if (train + validation > 1) {
      throw new InvalidSynthSettingException(List.of(TRAIN_FRACTION, VALIDATION_FRACTION),
          "Invalid values for options '--train-fraction'/'--validation-fraction': need 0 < train < 1 and "
              + "train + validation <= 1 (was train " + train + ", validation " + validation + ")");
    }
    boolean llm = LLM.equals(values.apply(REPHRASER));
    if (llm && (values.apply(LLM_BASE_URL) == null || values.apply(LLM_MODEL) == null)) {
      throw new InvalidSynthSettingException(List.of(REPHRASER, LLM_BASE_URL, LLM_MODEL),
          "Option '--rephraser llm' needs '--llm-base-url' and '--llm-model'");
    }
    if (values.apply(SELF_TRAINING_MODEL) != null && !llm) {
      throw new InvalidSynthSettingException(List.of(SELF_TRAINING_MODEL, REPHRASER),
          "Option '--self-training-model' filters LLM rephrasings: it needs '--rephraser llm'");
    }
  }

  /**
   * {@link #validate(Function)} of the values in {@code options}.
   *
   * @throws InvalidSynthSettingException naming the first bad setting (or pair of settings)
   */
  public static void validate(SynthOptions options) {
    validate(s -> s.read(options));
  }
}
