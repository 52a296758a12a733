package dev.quarry.seed.education;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.domain.DomainLoader;
import org.junit.jupiter.api.Test;

class ArrivalPlanTest {

  private static final EducationParams PARAMS = EducationParams.from(DomainLoader.load("education"));

  @Test
  void idsAreConsecutiveFromTheFirstIdAndGroupsCoverThemOnce() {
    ArrivalPlan plan = ArrivalPlan.build(PARAMS, 4, 1);
    int next = ArrivalPlan.FIRST_STUDENT_ID;
    for (ArrivalPlan.Group g : plan.groups()) {
      assertThat(g.firstId()).isEqualTo(next);
      assertThat(g.count()).isPositive();
      assertThat(plan.groupOf(g.firstId())).isSameAs(g);
      assertThat(plan.groupOf(g.firstId() + g.count() - 1)).isSameAs(g);
      next += g.count();
    }
    assertThat(plan.studentCount()).isEqualTo(next - ArrivalPlan.FIRST_STUDENT_ID);
    int pastLast = next;
    assertThatThrownBy(() -> plan.groupOf(pastLast)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plan.groupOf(ArrivalPlan.FIRST_STUDENT_ID - 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void firstYearArrivalsAreTheWholeBaseEnrollmentAndKindergartenArrivesEveryYear() {
    ArrivalPlan plan = ArrivalPlan.build(PARAMS, 4, 1);
    int firstYear = plan.groups().stream().filter(g -> g.yearIndex() == 0).mapToInt(ArrivalPlan.Group::count).sum();
    assertThat(firstYear).isCloseTo(2900, within(15));
    for (int y = 0; y < 4; y++) {
      int year = y;
      assertThat(plan.groups()).anyMatch(g -> g.yearIndex() == year && g.grade() == 0);
    }
    assertThat(plan.expectedStudentYears()).isBetween(11_000.0, 12_600.0);
  }

  @Test
  void scaleMultipliesTheDistrict() {
    ArrivalPlan one = ArrivalPlan.build(PARAMS, 4, 1);
    ArrivalPlan ten = ArrivalPlan.build(PARAMS, 4, 10);
    assertThat((double) ten.studentCount() / one.studentCount()).isCloseTo(10, within(0.1));
  }

  @Test
  void rejectsScalesWhoseIdsOverflow() {
    assertThatThrownBy(() -> ArrivalPlan.build(PARAMS, 4, 100_000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scale");
  }
}
