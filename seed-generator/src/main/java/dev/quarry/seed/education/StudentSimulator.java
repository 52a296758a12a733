package dev.quarry.seed.education;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.parquet.ParquetSchemas;
import dev.quarry.seed.Randoms;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Simulates one student's whole history from (seed, student id) alone.
 *
 * <p>The student enters as planned by {@link ArrivalPlan}; draws gender, race/ethnicity and program
 * flags (correlated: see {@link EducationModel}) and three latent traits (ability, attendance risk,
 * behaviour); then, each year: absences (log-normal), 7 courses × 2 terms of grades, Poisson incidents.
 * Between years the student leaves the district ({@code annualLeaveRate}, or after an expulsion),
 * repeats the grade ({@code retentionRate}), or is promoted, moving school along a transition after
 * the school's highest grade, graduating after grade 12, or leaving when the school has no transition.
 */
public final class StudentSimulator implements Serializable {

  private static final long serialVersionUID = 1L;

  static final List<String> STUDENTS = List.of("student_id", "school_name", "grade_level", "gender",
      "race_ethnicity", "english_learner", "special_education", "economically_disadvantaged");
  static final List<String> ATTENDANCE = List.of("student_id", "school_name", "school_year", "absence_count",
      "is_chronically_absent");
  static final List<String> GRADES = List.of("student_id", "school_name", "school_year", "grade_level",
      "course_name", "term", "letter_grade", "grade_numeric", "gpa");
  static final List<String> DISCIPLINE = List.of("incident_id", "student_id", "school_name", "school_year",
      "grade_level", "incident_type", "severity", "action_taken", "incident_date", "days_suspended");

  private final long seed;
  private final EducationParams params;
  private final ArrivalPlan plan;
  private final EducationModel model;
  private final List<String> years;
  private final Schema studentSchema;
  private final Schema attendanceSchema;
  private final Schema gradeSchema;
  private final Schema disciplineSchema;

  /**
   * Creates the simulator.
   *
   * @throws IllegalArgumentException if the domain's tables do not have the columns this generator
   *     writes (in this order) or its years are not named {@code YYYY-YYYY}
   */
  public StudentSimulator(Domain domain, EducationParams params, ArrivalPlan plan, long seed) {
    this.seed = seed;
    this.params = params;
    this.plan = plan;
    this.model = new EducationModel(domain, params);
    this.years = List.copyOf(domain.years().values());
    for (String y : years) {
      if (!y.matches("\\d{4}-\\d{4}")) {
        throw new IllegalArgumentException("School year '" + y + "' is not of the form YYYY-YYYY");
      }
    }
    this.studentSchema = schema(domain, "students", STUDENTS);
    this.attendanceSchema = schema(domain, "attendance", ATTENDANCE);
    this.gradeSchema = schema(domain, "grades", GRADES);
    this.disciplineSchema = schema(domain, "discipline", DISCIPLINE);
  }

  static Schema schema(Domain domain, String table, List<String> columns) {
    Domain.Table t = domain.requireTable(table);
    if (!t.columnNames().equals(columns)) {
      throw new IllegalArgumentException(
          "The education generator writes " + table + columns + " but the domain declares " + t.columnNames());
    }
    return ParquetSchemas.beamSchema(t);
  }

  /**
   * Simulates the student with this id.
   *
   * @throws IllegalArgumentException if the id is not in the plan
   */
  public StudentHistory simulate(int studentId) {
    ArrivalPlan.Group entry = plan.groupOf(studentId);
    SplittableRandom rng = Randoms.stream(seed, studentId);
    int gender = Randoms.weighted(rng, model.genderWeights);
    int race = Randoms.weighted(rng, model.raceWeights);
    boolean el = Randoms.bernoulli(rng, model.englishLearnerProbability(race));
    boolean sped = Randoms.bernoulli(rng, model.specialEducationProbability(gender));
    boolean econ = Randoms.bernoulli(rng, model.economicallyDisadvantagedProbability(race));
    double ability = 0.85 * Randoms.gaussian(rng) - 0.35 * (econ ? 1 : 0) - 0.55 * (sped ? 1 : 0)
        - 0.2 * (el ? 1 : 0);
    double attendanceRisk = Randoms.gaussian(rng);
    double behavior = Randoms.gaussian(rng);
    double[] courseAptitude = new double[model.courses.length];
    for (int c = 0; c < courseAptitude.length; c++) {
      courseAptitude[c] = 4.0 * Randoms.gaussian(rng);
    }

    List<Row> attendance = new ArrayList<>();
    List<Row> grades = new ArrayList<>();
    List<Row> discipline = new ArrayList<>();
    List<Integer> keys = new ArrayList<>();
    int school = entry.schoolIndex();
    int grade = entry.grade();
    int incidents = 0;
    for (int y = entry.yearIndex(); y < years.size(); y++) {
      String schoolName = params.schools().get(school).name();
      String year = years.get(y);
      keys.add(EnrollmentKeys.of(y, school, grade));

      double logMean = model.absenceLogMean(grade, years.size() - 1 - y, econ, sped, el)
          + 0.55 * attendanceRisk + 0.45 * Randoms.gaussian(rng);
      int absences = (int) Math.min(170, Math.floor(StrictMath.exp(logMean)));
      attendance.add(Row.withSchema(attendanceSchema)
          .addValues(studentId, schoolName, year, absences, absences >= params.chronicAbsenceThreshold())
          .build());

      for (int c = 0; c < model.courses.length; c++) {
        String course = model.courses[c];
        double expected = model.expectedGrade(course, grade, ability, absences, el) + courseAptitude[c];
        for (int t = 0; t < model.terms.length; t++) {
          double numeric = expected + 0.6 * t + 5.0 * Randoms.gaussian(rng);
          numeric = Math.round(Math.max(0, Math.min(100, numeric)) * 10) / 10.0;
          String letter = LetterGrades.letter(numeric);
          grades.add(Row.withSchema(gradeSchema)
              .addValues(studentId, schoolName, year, grade, course, model.terms[t], letter, numeric,
                  LetterGrades.points(letter))
              .build());
        }
      }

      int count = Randoms.poisson(rng,
          model.incidentMean(grade, model.genders[gender], econ, sped, behavior, absences));
      count = Math.min(count, IncidentIds.PER_STUDENT - incidents);
      List<LocalDate> dates = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        dates.add(schoolDay(rng, year));
      }
      dates.sort(null);
      boolean expelled = false;
      for (LocalDate date : dates) {
        String type = model.incidentTypes[Randoms.weighted(rng, model.typeWeights(EducationModel.band(grade)))];
        String severity = model.severities[Randoms.weighted(rng, model.severityWeights(type))];
        String action = model.actions[Randoms.weighted(rng, model.actionWeights(severity))];
        int days = 0;
        if (EducationModel.isSuspension(action)) {
          days = action.equals("In-School Suspension")
              ? 1 + Math.min(4, Randoms.poisson(rng, 0.8))
              : 1 + Math.min(9, Randoms.poisson(rng, severity.equals("Major") ? 3.0 : 1.5));
        }
        expelled |= EducationModel.isExpulsion(action);
        discipline.add(Row.withSchema(disciplineSchema)
            .addValues(IncidentIds.of(studentId, incidents++), studentId, schoolName, year, grade, type, severity,
                action, date, days)
            .build());
      }

      if (y == years.size() - 1 || expelled || Randoms.bernoulli(rng, params.annualLeaveRate())) {
        break;
      }
      if (Randoms.bernoulli(rng, params.retentionRate())) {
        continue; // repeats the grade at the same school
      }
      EducationParams.School current = params.schools().get(school);
      if (grade < current.highGrade()) {
        grade++;
        continue;
      }
      EducationParams.Transition move = params.transitionAfter(current.name(), grade);
      if (move == null) {
        break; // graduates (grade 12) or leaves the district
      }
      double[] shares = move.to().stream().mapToDouble(EducationParams.Destination::share).toArray();
      school = params.schoolIndex(move.to().get(Randoms.weighted(rng, shares)).school());
      grade++;
    }
    Row student = Row.withSchema(studentSchema)
        .addValues(studentId, params.schools().get(school).name(), grade, model.genders[gender], model.races[race],
            el, sped, econ)
        .build();
    return new StudentHistory(student, attendance, grades, discipline, keys);
  }

  /** A random weekday of the school year (mid-August to mid-June), avoiding the winter break. */
  private static LocalDate schoolDay(SplittableRandom rng, String schoolYear) {
    int startYear = Integer.parseInt(schoolYear.substring(0, 4));
    LocalDate start = LocalDate.of(startYear, 8, 15);
    int span = (int) (LocalDate.of(startYear + 1, 6, 15).toEpochDay() - start.toEpochDay()) + 1;
    while (true) {
      LocalDate d = start.plusDays(rng.nextInt(span));
      boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      boolean winterBreak = (d.getMonthValue() == 12 && d.getDayOfMonth() >= 23)
          || (d.getMonthValue() == 1 && d.getDayOfMonth() <= 2);
      if (!weekend && !winterBreak) {
        return d;
      }
    }
  }
}
