package dev.quarry.seed.education;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EducationParamsTest {

  private static final Domain DOMAIN = DomainLoader.load("education");

  private static Domain withSimulation(Consumer<ObjectNode> edit) {
    ObjectNode sim = DOMAIN.simulation().deepCopy();
    edit.accept(sim);
    return new Domain(DOMAIN.name(), DOMAIN.description(), DOMAIN.generator(), DOMAIN.entity(), DOMAIN.years(),
        DOMAIN.tables(), DOMAIN.joins(), DOMAIN.vocabularies(), sim);
  }

  @Test
  void bindsTheDomainSimulationBlock() {
    EducationParams p = EducationParams.from(DOMAIN);
    assertThat(p.schools()).hasSize(5);
    assertThat(p.schools().get(0)).isEqualTo(new EducationParams.School("Lincoln Elementary", 0, 5, 520, -0.015));
    assertThat(p.transitionAfter("Lincoln Elementary", 5).to()).hasSize(2);
    assertThat(p.transitionAfter("Jefferson High", 12)).isNull();
    assertThat(p.chronicAbsenceThreshold()).isEqualTo(18);
    assertThat(p.genderWeights()).containsKeys("Female", "Male", "Nonbinary");
  }

  @Test
  void rejectsSharesThatDoNotSumToOne() {
    Domain bad = withSimulation(s -> ((ObjectNode) s.get("transitions").get(0).get("to").get(0)).put("share", 0.5));
    assertThatThrownBy(() -> EducationParams.from(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to 1");
  }

  @Test
  void rejectsSchoolsOutsideTheVocabulary() {
    Domain bad = withSimulation(s -> ((ObjectNode) s.get("schools").get(0)).put("name", "Hogwarts"));
    assertThatThrownBy(() -> EducationParams.from(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Hogwarts");
  }

  @Test
  void rejectsUnknownParameters() {
    Domain bad = withSimulation(s -> s.put("snowDays", 3));
    assertThatThrownBy(() -> EducationParams.from(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("snowDays");
  }
}
