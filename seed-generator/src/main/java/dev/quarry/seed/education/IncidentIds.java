package dev.quarry.seed.education;

/**
 * Discipline incident ids derived from the student id and the incident's sequence number within that
 * student's history: {@code student_id * PER_STUDENT + seq}, so they are unique, need no global counter
 * and sort like (student, date).
 */
public final class IncidentIds {

  /** Most incidents recorded per student over the covered years (sequence 0..PER_STUDENT-1). */
  public static final int PER_STUDENT = 10;

  private IncidentIds() {}

  /**
   * Returns the id of a student's {@code seq}-th incident.
   *
   * @throws IllegalArgumentException if {@code seq} is outside {@code [0, PER_STUDENT)}
   */
  public static int of(int studentId, int seq) {
    if (seq < 0 || seq >= PER_STUDENT) {
      throw new IllegalArgumentException("Incident sequence " + seq + " outside [0, " + PER_STUDENT + ")");
    }
    return Math.multiplyExact(studentId, PER_STUDENT) + seq;
  }

  /** Returns the student id an incident id was derived from. */
  public static int studentOf(int incidentId) {
    return incidentId / PER_STUDENT;
  }
}
