package dev.quarry.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** What a column is for when questions are asked about it. */
public enum ColumnRole {
  /** An identifier: counted distinctly, joined on, never aggregated. */
  ID,
  /** A categorical value to filter and group by (school, grade, gender). */
  DIMENSION,
  /** A number to aggregate (absences, GPA). */
  MEASURE,
  /** A boolean property of a row (chronically absent, English learner). */
  FLAG,
  /** The year dimension (see {@link Domain.Years}). */
  YEAR,
  /** A calendar date. */
  DATE,
  /** Free text (names, comments, addresses): shown and matched, neither grouped by nor aggregated. */
  TEXT;

  /** Parses the lower-case names used in domain.json. */
  @JsonCreator
  public static ColumnRole parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
