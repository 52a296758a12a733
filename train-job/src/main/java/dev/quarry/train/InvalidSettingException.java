package dev.quarry.train;

/**
 * A training setting has a value the trainer cannot use. The message describes the rule in plain words
 * ("must be at least 1 (was 0)"); {@link #setting} says which setting, so that a front end can name it its own
 * way (the command line as {@code --batch-size}).
 */
public final class InvalidSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final TrainSetting setting;
  private final String problem;

  /**
   * @param setting the offending setting
   * @param problem what is wrong, without the setting's name, e.g. {@code "must be at least 1 (was 0)"}
   */
  public InvalidSettingException(TrainSetting setting, String problem) {
    super(setting.label() + " " + problem);
    this.setting = setting;
    this.problem = problem;
  }

  /** The offending setting. */
  public TrainSetting setting() {
    return setting;
  }

  /** The problem without the setting's name. */
  public String problem() {
    return problem;
  }
}
