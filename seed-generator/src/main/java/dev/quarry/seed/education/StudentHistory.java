package dev.quarry.seed.education;

import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * Everything one simulated student contributes to the seed data.
 *
 * @param student the student's {@code students} row
 * @param attendance one {@code attendance} row per enrolled year, in year order
 * @param grades the {@code grades} rows (years × courses × terms)
 * @param discipline the {@code discipline} rows in incident-id order
 * @param enrollmentKeys one {@link EnrollmentKeys} key per enrolled year, in year order
 */
public record StudentHistory(
    Row student, List<Row> attendance, List<Row> grades, List<Row> discipline, List<Integer> enrollmentKeys) {}
