package dev.quarry.pipelines.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A UNIX 5-field cron expression ({@code minute hour day-of-month month day-of-week}, e.g. {@code 0 2 * * *})
 * in a time zone, parsed and evaluated with cron-utils ({@link CronType#UNIX}).
 */
public final class CronSchedule {

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime execution;

  private CronSchedule(String expression, ZoneId zone, ExecutionTime execution) {
    this.expression = expression;
    this.zone = zone;
    this.execution = execution;
  }

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException naming {@code --cron} and the expression when it is not valid UNIX cron
   */
  public static CronSchedule parse(String expression, ZoneId zone) {
    try {
      CronParser parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
      return new CronSchedule(expression, zone, ExecutionTime.forCron(parser.parse(expression.trim()).validate()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid value for option '--cron': '" + expression
          + "' is not a 5-field UNIX cron expression (minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\"): "
          + e.getMessage(), e);
    }
  }

  /** The first fire time strictly after {@code t}. */
  public Optional<ZonedDateTime> next(ZonedDateTime t) {
    return execution.nextExecution(t.withZoneSameInstant(zone));
  }

  /** The last fire time at or before {@code t}. */
  public Optional<ZonedDateTime> lastAtOrBefore(ZonedDateTime t) {
    ZonedDateTime z = t.withZoneSameInstant(zone);
    if (z.getSecond() == 0 && z.getNano() == 0 && execution.isMatch(z)) {
      return Optional.of(z);
    }
    return execution.lastExecution(z);
  }

  /** The time zone. */
  public ZoneId zone() {
    return zone;
  }

  @Override
  public String toString() {
    return expression + " (" + zone + ")";
  }
}
