package dev.quarry.seed.education;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class StudentSimulatorTest {

  private static final Domain DOMAIN = DomainLoader.load("education");
  private static final EducationParams PARAMS = EducationParams.from(DOMAIN);
  private static final ArrivalPlan PLAN = ArrivalPlan.build(PARAMS, 4, 1);

  @Test
  void aStudentsHistoryDependsOnlyOnSeedAndId() {
    StudentSimulator a = new StudentSimulator(DOMAIN, PARAMS, PLAN, 42);
    StudentSimulator b = new StudentSimulator(DOMAIN, PARAMS, PLAN, 42);
    int id = ArrivalPlan.FIRST_STUDENT_ID + 1234;
    b.simulate(id + 1); // other students simulated in between change nothing
    assertThat(b.simulate(id)).isEqualTo(a.simulate(id));
    assertThat(new StudentSimulator(DOMAIN, PARAMS, PLAN, 43).simulate(id)).isNotEqualTo(a.simulate(id));
  }

  @Test
  void historyStartsWhereThePlanSaysAndIsConsistent() {
    StudentSimulator sim = new StudentSimulator(DOMAIN, PARAMS, PLAN, 42);
    for (ArrivalPlan.Group g : PLAN.groups()) {
      StudentHistory h = sim.simulate(g.firstId());
      Row first = h.attendance().get(0);
      assertThat(first.getString("school_year")).isEqualTo(DOMAIN.years().values().get(g.yearIndex()));
      assertThat(first.getString("school_name")).isEqualTo(PARAMS.schools().get(g.schoolIndex()).name());
      assertThat(h.enrollmentKeys()).hasSameSizeAs(h.attendance());
      assertThat(h.grades()).hasSize(14 * h.attendance().size());
      assertThat(h.attendance().size()).isBetween(1, 4 - g.yearIndex());
      Row last = h.attendance().get(h.attendance().size() - 1);
      assertThat(h.student().getString("school_name")).isEqualTo(last.getString("school_name"));
      for (Row d : h.discipline()) {
        assertThat(IncidentIds.studentOf(d.getInt32("incident_id"))).isEqualTo(g.firstId());
      }
    }
  }

  @Test
  void letterGradesUseTheUsualCutOffs() {
    assertThat(LetterGrades.letter(90.0)).isEqualTo("A");
    assertThat(LetterGrades.letter(89.9)).isEqualTo("B");
    assertThat(LetterGrades.letter(70.0)).isEqualTo("C");
    assertThat(LetterGrades.letter(60.0)).isEqualTo("D");
    assertThat(LetterGrades.letter(59.9)).isEqualTo("F");
    assertThat(LetterGrades.points("A")).isEqualTo(4.0);
    assertThat(LetterGrades.points("F")).isEqualTo(0.0);
  }
}
