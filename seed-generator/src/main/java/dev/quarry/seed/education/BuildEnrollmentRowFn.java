package dev.quarry.seed.education;

import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/** Turns (enrollment key, student count) into an {@code enrollment} row. */
final class BuildEnrollmentRowFn extends DoFn<KV<Integer, Long>, Row> {

  private static final long serialVersionUID = 1L;

  private final Schema schema;
  private final List<String> years;
  private final List<String> schools;

  BuildEnrollmentRowFn(Schema schema, List<String> years, List<String> schools) {
    this.schema = schema;
    this.years = List.copyOf(years);
    this.schools = List.copyOf(schools);
  }

  @ProcessElement
  public void process(@Element KV<Integer, Long> count, OutputReceiver<Row> out) {
    int key = count.getKey();
    out.output(Row.withSchema(schema)
        .addValues(years.get(EnrollmentKeys.yearIndex(key)), schools.get(EnrollmentKeys.schoolIndex(key)),
            EnrollmentKeys.grade(key), Math.toIntExact(count.getValue()))
        .build());
  }
}
