package dev.quarry.seed.education;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Simulates one student (input: student id) with {@link StudentSimulator} and emits the rows to one
 * output per table plus the enrollment keys ({@link EnrollmentKeys}) of the enrolled years.
 */
final class SimulateStudentFn extends DoFn<Integer, Row> {

  private static final long serialVersionUID = 1L;

  static final TupleTag<Row> STUDENTS = new TupleTag<>("students") {};
  static final TupleTag<Row> ATTENDANCE = new TupleTag<>("attendance") {};
  static final TupleTag<Row> GRADES = new TupleTag<>("grades") {};
  static final TupleTag<Row> DISCIPLINE = new TupleTag<>("discipline") {};
  static final TupleTag<Integer> ENROLLMENT_KEYS = new TupleTag<>("enrollment_keys") {};

  private final StudentSimulator simulator;
  private final Counter simulated = Metrics.counter(SimulateStudentFn.class, "students_simulated");

  SimulateStudentFn(StudentSimulator simulator) {
    this.simulator = simulator;
  }

  @ProcessElement
  public void process(@Element Integer studentId, MultiOutputReceiver out) {
    StudentHistory h = simulator.simulate(studentId);
    out.get(STUDENTS).output(h.student());
    OutputReceiver<Row> attendance = out.get(ATTENDANCE);
    h.attendance().forEach(attendance::output);
    OutputReceiver<Row> grades = out.get(GRADES);
    h.grades().forEach(grades::output);
    OutputReceiver<Row> discipline = out.get(DISCIPLINE);
    h.discipline().forEach(discipline::output);
    OutputReceiver<Integer> keys = out.get(ENROLLMENT_KEYS);
    h.enrollmentKeys().forEach(keys::output);
    simulated.inc();
  }
}
