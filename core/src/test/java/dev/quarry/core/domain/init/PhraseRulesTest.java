package dev.quarry.core.domain.init;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.ColumnRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generic phrasing rules of {@code quarry domain init}, on schemas of several kinds. */
class PhraseRulesTest {

  @Test
  void columnsAreAlsoCalledByTheirNounAndQualifiedYearsAndDatesByTheirHead() {
    assertThat(PhraseRules.shortNoun("store_name")).isEqualTo("store");
    assertThat(PhraseRules.shortNoun("membership_level")).isEqualTo("membership");
    assertThat(PhraseRules.shortNoun("country_code")).isEqualTo("country");
    assertThat(PhraseRules.shortNoun("first_name")).isNull();
    assertThat(PhraseRules.shortNoun("name")).isNull();
    assertThat(PhraseRules.extraColumnPhrases("fiscal_year", ColumnRole.YEAR)).containsExactly("year");
    assertThat(PhraseRules.extraColumnPhrases("ship_dt", ColumnRole.DATE)).containsExactly("date");
    assertThat(PhraseRules.extraColumnPhrases("year", ColumnRole.YEAR)).isEmpty();
    assertThat(PhraseRules.extraColumnPhrases("price_net", ColumnRole.MEASURE)).containsExactly("net price");
    assertThat(PhraseRules.extraColumnPhrases("score_avg", ColumnRole.MEASURE)).containsExactly("average score");
  }

  @Test
  void countsSayWhatTheyCountAndMeasuresTheirUnit() {
    assertThat(PhraseRules.countedNoun("visit_count")).isEqualTo("visits");
    assertThat(PhraseRules.countedNoun("num_orders")).isEqualTo("orders");
    assertThat(PhraseRules.countedNoun("number_of_beds")).isEqualTo("beds");
    assertThat(PhraseRules.countedNoun("order_cnt")).isEqualTo("orders");
    assertThat(PhraseRules.countedNoun("amount")).isNull();
    assertThat(PhraseRules.extraColumnPhrases("visit_count", ColumnRole.MEASURE)).containsExactly("number of visits");
    assertThat(PhraseRules.unit("patient_count")).isEqualTo("patients");
    assertThat(PhraseRules.unit("days_late")).isEqualTo("days");
    assertThat(PhraseRules.unit("hours_worked")).isEqualTo("hours");
    assertThat(PhraseRules.unit("unit_price")).isNull();
  }

  @Test
  void stringValuesGetHalvesFirstWordsOfNamesAndInitials() {
    Map<String, List<String>> stores = PhraseRules.stringValuePhrases(
        List.of("Acme Outlet", "Globex Megastore", "Initech Depot"), v -> List.of(v));
    assertThat(stores.get("Acme Outlet")).containsExactly("Acme Outlet", "Acme");
    Map<String, List<String>> plans = PhraseRules.stringValuePhrases(
        List.of("Out-of-Network Claim", "In-Network Claim", "Dental or Vision", "Two or More Plans", "Basic"),
        v -> List.of(v));
    assertThat(plans.get("Out-of-Network Claim")).containsExactly("Out-of-Network Claim", "ONC");
    assertThat(plans.get("In-Network Claim")).containsExactly("In-Network Claim", "INC");
    assertThat(plans.get("Dental or Vision")).containsExactly("Dental or Vision", "Dental", "Vision");
    assertThat(plans.get("Two or More Plans")).containsExactly("Two or More Plans");
    assertThat(plans.get("Basic")).containsExactly("Basic");
  }

  @Test
  void smallIntegerCodesReadWithTheirNounAndOrdinalsWhereTheNounTakesThem() {
    assertThat(PhraseRules.numberPhrases(3, "floor")).containsExactly("floor 3", "3rd floor", "third floor");
    assertThat(PhraseRules.numberPhrases(12, "tier")).containsExactly("tier 12", "12th tier", "twelfth tier");
    assertThat(PhraseRules.numberPhrases(4, "stars")).containsExactly("4 stars");
    assertThat(PhraseRules.numberPhrases(7, "store")).containsExactly("store 7");
  }

  @Test
  void relativeYearsFollowTheYearColumnsQualifier() {
    assertThat(PhraseRules.relativeYears("fiscal_year").get("1"))
        .containsExactly("last year", "the previous year", "last fiscal year", "the previous fiscal year");
    assertThat(PhraseRules.relativeYears("yr").get("0")).containsExactly("this year", "the current year");
    assertThat(PhraseRules.commonAbbreviations()).containsEntry("average", List.of("avg"));
  }
}
