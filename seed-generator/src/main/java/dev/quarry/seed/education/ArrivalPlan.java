package dev.quarry.seed.education;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How many students enter the district in each (year, school, grade), and their student ids: computed
 * in the driver by plain arithmetic (no randomness), so ids are unique and independent of processing
 * order.
 *
 * <p>Target enrollment of school s in year y and each grade it serves:
 * {@code T = baseEnrollment / gradesServed * scale * (1 + annualGrowth)^y}. In the first year every
 * target student arrives. Later, arrivals fill the gap between the target and the students expected to
 * continue from the previous year (not leaving, promoted or retained, or transitioning in from a feeder
 * school); kindergarten is filled by arrivals only. Expected enrollment is {@code max(T, continuing)}.
 *
 * <p>Groups are numbered in (year, school, grade) order; ids run from {@link #FIRST_STUDENT_ID}
 * consecutively.
 */
public final class ArrivalPlan implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The first student id handed out. */
  public static final int FIRST_STUDENT_ID = 100_001;

  /**
   * One arrival group: {@code count} students with ids {@code firstId..firstId+count-1} who first enrol
   * in year index {@code yearIndex} at school index {@code schoolIndex} in {@code grade}.
   */
  public record Group(int firstId, int count, int yearIndex, int schoolIndex, int grade) implements Serializable {}

  private final List<Group> groups;
  private final int[] firstIds;
  private final int studentCount;
  private final double expectedStudentYears;

  private ArrivalPlan(List<Group> groups, int studentCount, double expectedStudentYears) {
    this.groups = List.copyOf(groups);
    this.firstIds = groups.stream().mapToInt(Group::firstId).toArray();
    this.studentCount = studentCount;
    this.expectedStudentYears = expectedStudentYears;
  }

  /**
   * Computes the plan.
   *
   * @param p simulation parameters
   * @param yearCount number of school years simulated (at least 1)
   * @param scale size multiplier (at least 1)
   * @throws IllegalArgumentException if {@code yearCount} or {@code scale} is below 1, or the ids (and
   *     the incident ids derived from them) would not fit in a 32-bit integer
   */
  public static ArrivalPlan build(EducationParams p, int yearCount, int scale) {
    if (yearCount < 1 || scale < 1) {
      throw new IllegalArgumentException("yearCount and scale must be >= 1");
    }
    int schools = p.schools().size();
    double[][] prev = null; // expected enrollment per [school][grade] in the previous year
    List<Group> groups = new ArrayList<>();
    long nextId = FIRST_STUDENT_ID;
    double studentYears = 0;
    for (int y = 0; y < yearCount; y++) {
      double[][] cur = new double[schools][13];
      for (int s = 0; s < schools; s++) {
        EducationParams.School school = p.schools().get(s);
        double target = (double) school.baseEnrollment() / school.gradeCount() * scale
            * Math.pow(1 + school.annualGrowth(), y);
        for (int g = school.lowGrade(); g <= school.highGrade(); g++) {
          double continuing = prev == null ? 0 : continuing(p, prev, s, g);
          int arrivals = (int) Math.round(Math.max(0, target - continuing));
          cur[s][g] = Math.max(target, continuing);
          studentYears += cur[s][g];
          if (arrivals > 0) {
            if ((nextId + arrivals) * IncidentIds.PER_STUDENT > Integer.MAX_VALUE) {
              throw new IllegalArgumentException("scale " + scale + " is too large: student ids overflow");
            }
            groups.add(new Group((int) nextId, arrivals, y, s, g));
            nextId += arrivals;
          }
        }
      }
      prev = cur;
    }
    return new ArrivalPlan(groups, (int) (nextId - FIRST_STUDENT_ID), studentYears);
  }

  private static double continuing(EducationParams p, double[][] prev, int s, int g) {
    double stay = 1 - p.annualLeaveRate();
    double r = p.retentionRate();
    EducationParams.School school = p.schools().get(s);
    double c = stay * r * prev[s][g];
    if (g - 1 >= school.lowGrade()) {
      c += stay * (1 - r) * prev[s][g - 1];
    }
    for (EducationParams.Transition t : p.transitions()) {
      if (t.afterGrade() + 1 != g) {
        continue;
      }
      for (EducationParams.Destination d : t.to()) {
        if (d.school().equals(school.name())) {
          c += stay * (1 - r) * d.share() * prev[p.schoolIndex(t.from())][t.afterGrade()];
        }
      }
    }
    return c;
  }

  /** The arrival groups in id order. */
  public List<Group> groups() {
    return groups;
  }

  /** Number of students (ids) in the plan. */
  public int studentCount() {
    return studentCount;
  }

  /** Expected number of enrolled student-years (attendance rows), summed over all years. */
  public double expectedStudentYears() {
    return expectedStudentYears;
  }

  /**
   * Returns the group holding {@code studentId}.
   *
   * @throws IllegalArgumentException if the id is not in the plan
   */
  public Group groupOf(int studentId) {
    int lo = 0;
    int hi = firstIds.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (firstIds[mid] <= studentId) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (hi < 0 || studentId >= firstIds[hi] + groups.get(hi).count()) {
      throw new IllegalArgumentException("Student id " + studentId + " is not in the arrival plan");
    }
    return groups.get(hi);
  }
}
