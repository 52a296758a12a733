package dev.quarry.seed.education;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.core.domain.Domain;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code simulation} block of an education domain (see {@code data/domains/education/domain.json}),
 * bound to records and checked against the domain's vocabularies.
 *
 * @param schools the district's schools with grades served, base enrollment (students at scale 1 in the
 *     first year) and annual growth (fraction per year, e.g. 0.02)
 * @param transitions where students go when they finish a school's highest grade
 * @param annualLeaveRate probability that an enrolled student leaves the district before the next year
 * @param retentionRate probability that a continuing student repeats the grade
 * @param chronicAbsenceThreshold absences (days) at or above which a student-year is chronically absent
 * @param genderWeights gender value → relative weight
 * @param raceEthnicityWeights race/ethnicity value → relative weight
 * @param englishLearnerRate share of students who are English learners
 * @param specialEducationRate share of students in special education
 * @param economicallyDisadvantagedRate share of economically disadvantaged students
 * @param incidentsPerStudentYear mean discipline incidents per enrolled student-year
 */
public record EducationParams(
    List<School> schools,
    List<Transition> transitions,
    double annualLeaveRate,
    double retentionRate,
    int chronicAbsenceThreshold,
    LinkedHashMap<String, Double> genderWeights,
    LinkedHashMap<String, Double> raceEthnicityWeights,
    double englishLearnerRate,
    double specialEducationRate,
    double economicallyDisadvantagedRate,
    double incidentsPerStudentYear)
    implements Serializable {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** One school: grades {@code lowGrade..highGrade} (kindergarten = 0). */
  public record School(String name, int lowGrade, int highGrade, int baseEnrollment, double annualGrowth)
      implements Serializable {
    /** Number of grades served. */
    public int gradeCount() {
      return highGrade - lowGrade + 1;
    }

    /** Whether the school serves {@code grade}. */
    public boolean serves(int grade) {
      return grade >= lowGrade && grade <= highGrade;
    }
  }

  /** Students finishing {@code afterGrade} at school {@code from} move to one of {@code to}. */
  public record Transition(String from, int afterGrade, List<Destination> to) implements Serializable {}

  /** A destination school and the share of movers who go there. */
  public record Destination(String school, double share) implements Serializable {}

  /**
   * Binds and checks {@code domain.simulation()}.
   *
   * @throws IllegalArgumentException if the block is missing or malformed, names a school, gender or
   *     race/ethnicity that is not in the domain's vocabularies, has rates outside [0, 1], transition
   *     shares that do not sum to 1 or destinations that do not serve the next grade
   */
  public static EducationParams from(Domain domain) {
    if (domain.simulation() == null || domain.simulation().isNull()) {
      throw new IllegalArgumentException("Domain '" + domain.name() + "' has no simulation block");
    }
    EducationParams p;
    try {
      p = MAPPER.treeToValue(domain.simulation(), EducationParams.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Malformed simulation block in domain '" + domain.name() + "': " + e.getOriginalMessage(), e);
    }
    p.check(domain);
    return p;
  }

  /** Index of the school named {@code name} in {@link #schools()}, or -1. */
  public int schoolIndex(String name) {
    for (int i = 0; i < schools.size(); i++) {
      if (schools.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The transition leaving {@code school} after {@code grade}, or null if there is none. */
  public Transition transitionAfter(String school, int grade) {
    for (Transition t : transitions) {
      if (t.from().equals(school) && t.afterGrade() == grade) {
        return t;
      }
    }
    return null;
  }

  private void check(Domain domain) {
    String where = " in the simulation block of domain '" + domain.name() + "'";
    require(schools != null && !schools.isEmpty(), "at least one school is required" + where);
    List<Object> schoolVocab = values(domain, "schools");
    List<Object> grades = values(domain, "grade_levels");
    for (School s : schools) {
      require(schoolVocab.contains(s.name()), "school '" + s.name() + "' is not in vocabulary 'schools'" + where);
      require(s.lowGrade() <= s.highGrade() && grades.contains(s.lowGrade()) && grades.contains(s.highGrade()),
          "school '" + s.name() + "' has grades outside vocabulary 'grade_levels'" + where);
      require(s.baseEnrollment() > 0, "school '" + s.name() + "' needs baseEnrollment > 0" + where);
    }
    for (Transition t : Objects.requireNonNullElse(transitions, List.<Transition>of())) {
      require(schoolIndex(t.from()) >= 0, "transition from unknown school '" + t.from() + "'" + where);
      double sum = 0;
      for (Destination d : t.to()) {
        int i = schoolIndex(d.school());
        require(i >= 0, "transition to unknown school '" + d.school() + "'" + where);
        require(schools.get(i).serves(t.afterGrade() + 1),
            "school '" + d.school() + "' does not serve grade " + (t.afterGrade() + 1) + where);
        sum += d.share();
      }
      require(Math.abs(sum - 1.0) < 1e-6, "transition shares from '" + t.from() + "' must sum to 1" + where);
    }
    for (double r : new double[] {annualLeaveRate, retentionRate, englishLearnerRate, specialEducationRate,
        economicallyDisadvantagedRate}) {
      require(r >= 0 && r <= 1, "rates must lie in [0, 1]" + where);
    }
    require(incidentsPerStudentYear >= 0 && chronicAbsenceThreshold > 0,
        "incidentsPerStudentYear must be >= 0 and chronicAbsenceThreshold > 0" + where);
    require(genderWeights != null && values(domain, "genders").containsAll(genderWeights.keySet()),
        "genderWeights must use values of vocabulary 'genders'" + where);
    require(raceEthnicityWeights != null
            && values(domain, "race_ethnicities").containsAll(raceEthnicityWeights.keySet()),
        "raceEthnicityWeights must use values of vocabulary 'race_ethnicities'" + where);
  }

  private static List<Object> values(Domain domain, String vocabulary) {
    return domain.vocabulary(vocabulary).stream().map(Domain.VocabEntry::value).toList();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Returns the weights of a value → weight map as an array in map order. */
  static double[] weightsOf(Map<String, Double> m) {
    return m.values().stream().mapToDouble(Double::doubleValue).toArray();
  }
}
