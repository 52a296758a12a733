package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.domain.Domain;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The non-equality dimension conditions: a choice of two values, an inequality and an integer range. */
class FiltersTest {
  private final Domain domain = TestData.domain();
  private final Lexicon lex = new Lexicon(domain);
  private final Filters filters = new Filters(lex);
  private final Domain.Table students = domain.requireTable("students");
  private final Domain.Table discipline = domain.requireTable("discipline");

  private Domain.Column col(Domain.Table t, String name) {
    return t.column(name).orElseThrow();
  }

  @Test
  void aChoiceOfTwoValuesHasOneSqlFormWhicheverOrderTheValuesComeIn() {
    Domain.Column school = col(students, "school_name");
    Filter ab = filters.anyOf(students, school, "Lincoln Elementary", "Jefferson High", false);
    Filter ba = filters.anyOf(students, school, "Jefferson High", "Lincoln Elementary", false);
    assertThat(ab.sql()).isEqualTo("school_name IN ('Jefferson High', 'Lincoln Elementary')").isEqualTo(ba.sql());
    assertThat(ab.literals()).extracting(LiteralPhrases::sql).containsExactly("'Jefferson High'", "'Lincoln Elementary'");
    assertThat(ab.value()).isNull();
    // schools read "at …": both values in one post-modifier
    assertThat(ab.renderings()).extracting(Filter.Rendering::text)
        .anyMatch(t -> t.startsWith("at ") && t.contains(" or ") && t.contains("Jefferson") && t.contains("Lincoln"));
    // every rendering expresses both literals
    LiteralCheck check = new LiteralCheck();
    for (Filter.Rendering r : ab.renderings()) {
      assertThat(check.allExpressed(r.text(), ab.literals())).as(r.text()).isTrue();
    }
    assertThatThrownBy(() -> filters.anyOf(students, school, "Jefferson High", "Jefferson High", false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two different values");
  }

  @Test
  void anInequalityOfAModifierValueReadsAsNonOrOtherThan() {
    Filter f = filters.notEqual(discipline, col(discipline, "incident_type"), "Bullying", true);
    assertThat(f.sql()).isEqualTo("discipline.incident_type <> 'Bullying'");
    assertThat(f.renderings()).extracting(Filter.Rendering::text)
        .contains("non-bullying", "with an incident type other than bullying");
    Filter at = filters.notEqual(students, col(students, "school_name"), "Jefferson High", false);
    assertThat(at.renderings()).extracting(Filter.Rendering::text).contains("not at Jefferson High");
  }

  @Test
  void anIntegerRangeIsBetweenItsEndsAndNamesBothNumbers() {
    Domain.Column grade = col(students, "grade_level");
    Filter f = filters.range(students, grade, 6, 8, false);
    assertThat(f.sql()).isEqualTo("grade_level BETWEEN 6 AND 8");
    assertThat(f.literals()).extracting(LiteralPhrases::sql).containsExactly("6", "8");
    assertThat(f.renderings()).extracting(Filter.Rendering::text).contains("in grades 6 through 8", "in grades 6-8");
    assertThatThrownBy(() -> filters.range(students, grade, 8, 8, false)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFlagsTwoGroupsAreNamedFromItsPhrases() {
    List<String> vs = lex.versusPhrases(col(students, "special_education"));
    assertThat(vs).isNotEmpty().allMatch(p -> p.contains(" vs ") || p.contains(" versus ") || p.contains(" compared "));
    assertThat(lex.versusPhrases(col(students, "gender"))).isEmpty();
  }
}
