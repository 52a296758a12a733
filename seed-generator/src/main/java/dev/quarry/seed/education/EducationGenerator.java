package dev.quarry.seed.education;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.parquet.ParquetSchemas;
import dev.quarry.seed.SeedGenerator;
import dev.quarry.seed.TableRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The {@code education} seed generator: a school district over the domain's school years.
 *
 * <p>Steps: plan arrivals in the driver ({@link ArrivalPlan}) → create equal chunks of student ids →
 * expand them to ids → simulate each student ({@link StudentSimulator}) → tables {@code students},
 * {@code attendance}, {@code grades}, {@code discipline}; {@code enrollment} counts the enrolled
 * student-years per (school, year, grade), with a zero row for every grade served, so it equals the
 * attendance counts exactly. Student-keyed tables are sharded by student-id range with at most about
 * {@link #ROWS_PER_SHARD} expected rows per shard; enrollment has one shard.
 */
public final class EducationGenerator implements SeedGenerator {

  /** Target upper bound of rows per Parquet shard. */
  public static final long ROWS_PER_SHARD = 500_000;

  /**
   * Student ids per input element: equal-sized chunks spread the work evenly over workers (and keep
   * the Direct runner's bundles few, which its GroupByKey needs to stay linear).
   */
  static final int IDS_PER_CHUNK = 500;

  @Override
  public String id() {
    return "education";
  }

  @Override
  public Map<String, TableRows> expand(PBegin begin, Domain domain, long seed, int scale) {
    EducationParams params = EducationParams.from(domain);
    List<String> years = domain.years().values();
    ArrivalPlan plan = ArrivalPlan.build(params, years.size(), scale);
    StudentSimulator simulator = new StudentSimulator(domain, params, plan, seed);

    List<KV<Integer, Integer>> chunks = new ArrayList<>();
    for (int first = 0; first < plan.studentCount(); first += IDS_PER_CHUNK) {
      chunks.add(KV.of(ArrivalPlan.FIRST_STUDENT_ID + first, Math.min(IDS_PER_CHUNK, plan.studentCount() - first)));
    }
    PCollectionTuple out = begin
        .apply("CreateIdChunks", Create.of(chunks).withCoder(KvCoder.of(VarIntCoder.of(), VarIntCoder.of())))
        .apply("ExpandIds", ParDo.of(new ExpandArrivalsFn()))
        .apply("SimulateStudents", ParDo.of(new SimulateStudentFn(simulator))
            .withOutputTags(SimulateStudentFn.STUDENTS, TupleTagList.of(List.of(SimulateStudentFn.ATTENDANCE,
                SimulateStudentFn.GRADES, SimulateStudentFn.DISCIPLINE, SimulateStudentFn.ENROLLMENT_KEYS))));

    PCollection<Row> students = out.get(SimulateStudentFn.STUDENTS).setRowSchema(schema(domain, "students"));
    PCollection<Row> attendance = out.get(SimulateStudentFn.ATTENDANCE).setRowSchema(schema(domain, "attendance"));
    PCollection<Row> grades = out.get(SimulateStudentFn.GRADES).setRowSchema(schema(domain, "grades"));
    PCollection<Row> discipline = out.get(SimulateStudentFn.DISCIPLINE).setRowSchema(schema(domain, "discipline"));
    PCollection<Integer> keys = out.get(SimulateStudentFn.ENROLLMENT_KEYS).setCoder(VarIntCoder.of());

    double studentYears = plan.expectedStudentYears();
    int courses = domain.vocabulary("courses").size();
    int terms = domain.vocabulary("terms").size();
    Map<String, TableRows> tables = new LinkedHashMap<>();
    tables.put("enrollment", new TableRows(countEnrollment(begin, domain, params, keys), 1, row -> 0));
    tables.put("students", byStudent(students, plan, plan.studentCount()));
    tables.put("attendance", byStudent(attendance, plan, studentYears));
    tables.put("grades", byStudent(grades, plan, studentYears * courses * terms));
    tables.put("discipline", byStudent(discipline, plan, studentYears * params.incidentsPerStudentYear()));
    return tables;
  }

  private static Schema schema(Domain domain, String table) {
    return ParquetSchemas.beamSchema(domain.requireTable(table));
  }

  private static TableRows byStudent(PCollection<Row> rows, ArrivalPlan plan, double expectedRows) {
    int shards = (int) Math.max(1, Math.ceil(expectedRows / ROWS_PER_SHARD));
    return new TableRows(rows, shards, new StudentIdShard(ArrivalPlan.FIRST_STUDENT_ID, plan.studentCount(), shards));
  }

  private static PCollection<Row> countEnrollment(
      PBegin begin, Domain domain, EducationParams params, PCollection<Integer> keys) {
    List<KV<Integer, Long>> served = new ArrayList<>();
    for (int y = 0; y < domain.years().values().size(); y++) {
      for (int s = 0; s < params.schools().size(); s++) {
        EducationParams.School school = params.schools().get(s);
        for (int g = school.lowGrade(); g <= school.highGrade(); g++) {
          served.add(KV.of(EnrollmentKeys.of(y, s, g), 0L));
        }
      }
    }
    KvCoder<Integer, Long> coder = KvCoder.of(VarIntCoder.of(), VarLongCoder.of());
    PCollection<KV<Integer, Long>> zeros = begin.apply("ListGradesServed", Create.of(served).withCoder(coder));
    PCollection<KV<Integer, Long>> ones = keys.apply("KeyEnrolledYears",
        MapElements.into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.longs()))
            .via((Integer k) -> KV.of(k, 1L)));
    List<String> schoolNames = params.schools().stream().map(EducationParams.School::name).toList();
    return PCollectionList.of(zeros).and(ones)
        .apply("MergeEnrollmentCounts", Flatten.pCollections())
        .apply("CountEnrollment", Sum.longsPerKey())
        .apply("BuildEnrollmentRows", ParDo.of(
            new BuildEnrollmentRowFn(schema(domain, "enrollment"), domain.years().values(), schoolNames)))
        .setRowSchema(schema(domain, "enrollment"));
  }
}
