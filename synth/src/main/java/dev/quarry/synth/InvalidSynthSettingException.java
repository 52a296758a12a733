package dev.quarry.synth;

import java.util.List;

/**
 * A synth setting has a value the stage cannot use, found by {@link SynthSetting#validate} before anything is
 * built. The message is the same whether the value came from the command line or from {@link SynthOptions}, e.g.
 * {@code Invalid value for option '--row-cap': must be >= 1 (was 0)}; {@link #settings()} says which setting(s).
 */
public final class InvalidSynthSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<SynthSetting> settings;
  private final String problem;

  /**
   * A value out of its setting's range.
   *
   * @param setting the offending setting
   * @param problem what is wrong, without the setting's name, e.g. {@code "must be >= 1 (was 0)"}
   */
  public InvalidSynthSettingException(SynthSetting setting, String problem) {
    super("Invalid value for option '--" + setting.option() + "': " + problem);
    this.settings = List.of(setting);
    this.problem = problem;
  }

  /**
   * Values that do not go together.
   *
   * @param settings the settings involved, the first one the likeliest to change
   * @param message the whole message, naming the settings
   */
  InvalidSynthSettingException(List<SynthSetting> settings, String message) {
    super(message);
    this.settings = List.copyOf(settings);
    this.problem = message;
  }

  /** The offending setting(s): one for a value out of range, more for values that do not go together. */
  public List<SynthSetting> settings() {
    return settings;
  }

  /** What is wrong; for one setting without its name (e.g. {@code "must be >= 1 (was 0)"}). */
  public String problem() {
    return problem;
  }
}
