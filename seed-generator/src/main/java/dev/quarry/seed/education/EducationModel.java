package dev.quarry.seed.education;

import dev.quarry.core.domain.Domain;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The behavioural model of the education simulation: how demographics and program flags shift
 * absences, grades and discipline, and which incident types, severities and actions occur.
 *
 * <p>Rates and weights that the domain declares ({@link EducationParams}) are read from it; the effect
 * sizes here are the generator's own choices, made so that group comparisons show plausible, clearly
 * visible differences (economically disadvantaged and special-education students miss more days, earn
 * lower grades and have more incidents; middle schools have the most incidents; absences drift down
 * after the first covered year). Value lists come from the domain's vocabularies; effects are looked up
 * by value name and default to neutral for values the model does not know.
 */
final class EducationModel implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Grade bands: elementary (K-5), middle (6-8), high (9-12). */
  static final int ELEMENTARY = 0;
  static final int MIDDLE = 1;
  static final int HIGH = 2;

  /** Median absences before effects, calibrated so that ~15% of student-years reach 18 days. */
  static final double ABSENCE_LOG_BASE = StrictMath.log(5.2);

  private static final Map<String, Double> EL_BY_RACE = Map.of(
      "Hispanic or Latino", 2.3, "Asian", 1.8, "Native Hawaiian or Pacific Islander", 1.2);
  private static final Map<String, Double> ECON_BY_RACE = Map.of(
      "Hispanic or Latino", 1.3, "Black or African American", 1.35, "American Indian or Alaska Native", 1.4,
      "Native Hawaiian or Pacific Islander", 1.2, "White", 0.7, "Asian", 0.7, "Two or More Races", 0.9);
  private static final Map<String, Double> SPED_BY_GENDER = Map.of("Male", 1.3, "Female", 0.7);
  private static final Map<String, Double> INCIDENTS_BY_GENDER = Map.of("Male", 1.4, "Female", 0.65);
  private static final Map<String, Double> COURSE_EFFECT = Map.of(
      "Mathematics", -3.0, "English Language Arts", -1.0, "Science", -1.5, "Social Studies", 0.0,
      "Physical Education", 6.0, "Art", 5.0, "Music", 5.0);
  private static final double[] INCIDENTS_BY_BAND = {0.35, 2.0, 1.1};
  private static final Map<String, double[]> TYPE_BY_BAND = Map.of(
      "Disruption", new double[] {0.40, 0.25, 0.18},
      "Defiance", new double[] {0.30, 0.20, 0.20},
      "Fighting", new double[] {0.15, 0.20, 0.12},
      "Bullying", new double[] {0.08, 0.14, 0.06},
      "Harassment", new double[] {0.02, 0.08, 0.08},
      "Vandalism", new double[] {0.03, 0.05, 0.06},
      "Theft", new double[] {0.02, 0.05, 0.08},
      "Substance Use", new double[] {0.0, 0.03, 0.22});
  /** Severity weights (Minor, Moderate, Major) by incident type. */
  private static final Map<String, double[]> SEVERITY_BY_TYPE = Map.of(
      "Disruption", new double[] {0.70, 0.25, 0.05},
      "Defiance", new double[] {0.60, 0.32, 0.08},
      "Fighting", new double[] {0.15, 0.50, 0.35},
      "Bullying", new double[] {0.30, 0.50, 0.20},
      "Harassment", new double[] {0.25, 0.50, 0.25},
      "Vandalism", new double[] {0.30, 0.50, 0.20},
      "Theft", new double[] {0.30, 0.50, 0.20},
      "Substance Use", new double[] {0.05, 0.45, 0.50});
  private static final List<String> SEVERITY_NAMES = List.of("Minor", "Moderate", "Major");
  /** Action weights (Warning, Detention, Parent Conference, ISS, OSS, Expulsion) by severity. */
  private static final Map<String, double[]> ACTION_BY_SEVERITY = Map.of(
      "Minor", new double[] {0.50, 0.35, 0.15, 0, 0, 0},
      "Moderate", new double[] {0.05, 0.30, 0.25, 0.28, 0.12, 0},
      "Major", new double[] {0, 0, 0.10, 0.27, 0.60, 0.03});
  private static final List<String> ACTION_NAMES = List.of(
      "Warning", "Detention", "Parent Conference", "In-School Suspension", "Out-of-School Suspension", "Expulsion");

  final String[] genders;
  final double[] genderWeights;
  final String[] races;
  final double[] raceWeights;
  final String[] courses;
  final String[] terms;
  final String[] incidentTypes;
  final String[] severities;
  final String[] actions;
  private final double[] elProbByRace;
  private final double[] econProbByRace;
  private final double[] spedProbByGender;
  private final double incidentNormalizer;
  private final EducationParams params;

  EducationModel(Domain domain, EducationParams p) {
    this.params = p;
    genders = p.genderWeights().keySet().toArray(String[]::new);
    genderWeights = EducationParams.weightsOf(p.genderWeights());
    races = p.raceEthnicityWeights().keySet().toArray(String[]::new);
    raceWeights = EducationParams.weightsOf(p.raceEthnicityWeights());
    courses = names(domain, "courses");
    terms = names(domain, "terms");
    incidentTypes = names(domain, "incident_types");
    severities = names(domain, "severities");
    actions = names(domain, "actions");
    elProbByRace = probabilities(p.englishLearnerRate(), races, raceWeights, EL_BY_RACE);
    econProbByRace = probabilities(p.economicallyDisadvantagedRate(), races, raceWeights, ECON_BY_RACE);
    spedProbByGender = probabilities(p.specialEducationRate(), genders, genderWeights, SPED_BY_GENDER);
    incidentNormalizer = meanIncidentMultiplier(p);
  }

  private static String[] names(Domain domain, String vocabulary) {
    return domain.vocabulary(vocabulary).stream().map(e -> String.valueOf(e.value())).toArray(String[]::new);
  }

  /** Per-group probabilities proportional to the multipliers whose weighted mean is the overall rate. */
  private static double[] probabilities(double rate, String[] groups, double[] weights, Map<String, Double> mult) {
    double total = 0;
    double weighted = 0;
    for (int i = 0; i < groups.length; i++) {
      total += weights[i];
      weighted += weights[i] * mult.getOrDefault(groups[i], 1.0);
    }
    double[] p = new double[groups.length];
    for (int i = 0; i < groups.length; i++) {
      p[i] = Math.min(1.0, rate * mult.getOrDefault(groups[i], 1.0) * total / weighted);
    }
    return p;
  }

  /** Expected incident multiplier over the district (grade bands weighted by base enrollment, flags). */
  private double meanIncidentMultiplier(EducationParams p) {
    double band = 0;
    double students = 0;
    for (EducationParams.School s : p.schools()) {
      for (int g = s.lowGrade(); g <= s.highGrade(); g++) {
        band += (double) s.baseEnrollment() / s.gradeCount() * INCIDENTS_BY_BAND[band(g)];
      }
      students += s.baseEnrollment();
    }
    double gender = 0;
    double genderTotal = 0;
    for (int i = 0; i < genders.length; i++) {
      gender += genderWeights[i] * INCIDENTS_BY_GENDER.getOrDefault(genders[i], 1.0);
      genderTotal += genderWeights[i];
    }
    // 1.1: the mean of the absence factor in incidentMean, measured at seed 42, scale 1.
    return 1.1 * band / students * (gender / genderTotal)
        * (1 + 0.7 * p.economicallyDisadvantagedRate()) * (1 + 0.9 * p.specialEducationRate());
  }

  static int band(int grade) {
    return grade <= 5 ? ELEMENTARY : grade <= 8 ? MIDDLE : HIGH;
  }

  double englishLearnerProbability(int race) {
    return elProbByRace[race];
  }

  double economicallyDisadvantagedProbability(int race) {
    return econProbByRace[race];
  }

  double specialEducationProbability(int gender) {
    return spedProbByGender[gender];
  }

  /**
   * Log of the expected absences (days) for one student-year; the caller adds the student's persistent
   * and yearly noise.
   *
   * @param yearsBeforeCurrent how many years before the last simulated year (absences decline over time)
   */
  double absenceLogMean(int grade, int yearsBeforeCurrent, boolean econ, boolean sped, boolean el) {
    double gradeEffect = grade == 0 ? 0.10 : grade <= 5 ? 0.0 : grade <= 8 ? 0.08 : 0.12 + 0.07 * (grade - 9);
    return ABSENCE_LOG_BASE + gradeEffect + 0.06 * yearsBeforeCurrent
        + (econ ? 0.35 : 0) + (sped ? 0.30 : 0) + (el ? 0.05 : 0);
  }

  /** Expected numeric grade before noise (0-100 scale) for a course, given ability and absences. */
  double expectedGrade(String course, int grade, double ability, int absences, boolean el) {
    double band = band(grade) == ELEMENTARY ? 3.0 : band(grade) == HIGH ? -2.0 : 0.0;
    double elEffect = el && course.equals("English Language Arts") ? -4.0 : 0.0;
    return 84.0 + 8.5 * ability + COURSE_EFFECT.getOrDefault(course, 0.0) + band + elEffect
        - 0.35 * Math.max(0, absences - 8);
  }

  /** Mean number of incidents for one student-year. */
  double incidentMean(int grade, String gender, boolean econ, boolean sped, double behavior, int absences) {
    double m = params.incidentsPerStudentYear() * INCIDENTS_BY_BAND[band(grade)]
        * INCIDENTS_BY_GENDER.getOrDefault(gender, 1.0) * (econ ? 1.7 : 1.0) * (sped ? 1.9 : 1.0)
        / incidentNormalizer;
    // behavior ~ N(0,1): exp(0.75 z - 0.75^2/2) has mean 1.
    return m * StrictMath.exp(0.75 * behavior - 0.28125) * (1 + 0.02 * Math.max(0, absences - 10));
  }

  /** Incident type weights for a grade band, in vocabulary order. */
  double[] typeWeights(int band) {
    double[] w = new double[incidentTypes.length];
    for (int i = 0; i < w.length; i++) {
      double[] byBand = TYPE_BY_BAND.get(incidentTypes[i]);
      w[i] = byBand == null ? 0.05 : byBand[band];
    }
    return w;
  }

  /** Severity weights for an incident type, in vocabulary order. */
  double[] severityWeights(String type) {
    double[] known = SEVERITY_BY_TYPE.getOrDefault(type, new double[] {0.4, 0.4, 0.2});
    double[] w = new double[severities.length];
    for (int i = 0; i < w.length; i++) {
      int k = SEVERITY_NAMES.indexOf(severities[i]);
      w[i] = k < 0 ? 0.1 : known[k];
    }
    return w;
  }

  /** Action weights for a severity, in vocabulary order. */
  double[] actionWeights(String severity) {
    double[] known = ACTION_BY_SEVERITY.getOrDefault(severity, new double[] {0.2, 0.3, 0.3, 0.1, 0.1, 0});
    double[] w = new double[actions.length];
    for (int i = 0; i < w.length; i++) {
      int k = ACTION_NAMES.indexOf(actions[i]);
      w[i] = k < 0 ? 0.05 : known[k];
    }
    return w;
  }

  /** Whether an action is a suspension (the only actions with days suspended &gt; 0). */
  static boolean isSuspension(String action) {
    return action.equals("In-School Suspension") || action.equals("Out-of-School Suspension");
  }

  /** Whether an action removes the student from the district after the school year. */
  static boolean isExpulsion(String action) {
    return action.equals("Expulsion");
  }
}
