package dev.quarry.core.domain.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void splitsSnakeAndCamelCase() {
    assertThat(Identifiers.split("order_items")).containsExactly("order", "items");
    assertThat(Identifiers.split("unitPriceUSD")).containsExactly("unit", "price", "usd");
    assertThat(Identifiers.split("HTTPStatusCode")).containsExactly("http", "status", "code");
    assertThat(Identifiers.split("customerId")).containsExactly("customer", "id");
    assertThat(Identifiers.split("address2_line")).containsExactly("address2", "line");
  }

  @Test
  void expandsCommonAbbreviations() {
    assertThat(Identifiers.humanize("order_qty")).isEqualTo("order quantity");
    assertThat(Identifiers.humanize("unit_price_amt")).isEqualTo("unit price amount");
    assertThat(Identifiers.humanize("signup_dt")).isEqualTo("signup date");
    assertThat(Identifiers.humanize("num_visits")).isEqualTo("number visits");
    assertThat(Identifiers.humanize("discount_pct")).isEqualTo("discount percent");
    assertThat(Identifiers.humanize("customer_id")).isEqualTo("customer ID");
    assertThat(Identifiers.humanize("avgScore")).isEqualTo("average score");
    assertThat(Identifiers.humanize("visit_cnt")).isEqualTo("visit count");
    assertThat(Identifiers.humanize("fiscal_yr")).isEqualTo("fiscal year");
    assertThat(Identifiers.abbreviationsIn("order_qty_amt")).containsEntry("quantity", "qty").containsEntry("amount", "amt");
  }

  @Test
  void formsPluralsAndSingulars() {
    assertThat(Identifiers.plural("order item")).isEqualTo("order items");
    assertThat(Identifiers.plural("category")).isEqualTo("categories");
    assertThat(Identifiers.plural("box")).isEqualTo("boxes");
    assertThat(Identifiers.plural("person")).isEqualTo("people");
    assertThat(Identifiers.plural("orders")).isEqualTo("orders");
    assertThat(Identifiers.singular("order items")).isEqualTo("order item");
    assertThat(Identifiers.singular("categories")).isEqualTo("category");
    assertThat(Identifiers.singular("statuses")).isEqualTo("status");
    assertThat(Identifiers.singular("status")).isEqualTo("status");
    assertThat(Identifiers.singular("addresses")).isEqualTo("address");
    assertThat(Identifiers.singular("people")).isEqualTo("person");
  }

  @Test
  void refusesNamesThatAreNotIdentifiers() {
    assertThat(Identifiers.isValid("order_items")).isTrue();
    assertThat(Identifiers.isValid("_x1")).isTrue();
    assertThat(Identifiers.isValid("order items")).isFalse();
    assertThat(Identifiers.isValid("1st")).isFalse();
    assertThat(Identifiers.isValid("a-b")).isFalse();
    assertThatThrownBy(() -> Identifiers.requireValid(List.of("ok", "order items", "x-y"), "table"))
        .isInstanceOfSatisfying(DomainInitException.class,
            e -> assertThat(e.error()).isEqualTo(InitError.INVALID_IDENTIFIER))
        .hasMessageContaining("'order items'").hasMessageContaining("'x-y'").hasMessageNotContaining("'ok'");
  }

  @Test
  void wordNetGivesFirstSenseNounSynonymsOnly() {
    assertThat(WordNetSynonyms.INSTANCE.nouns("customer", 2)).contains("client");
    assertThat(WordNetSynonyms.INSTANCE.nouns("customer", 2)).doesNotContain("customer").hasSizeLessThanOrEqualTo(2);
    assertThat(WordNetSynonyms.INSTANCE.nouns("qwertyuiop", 2)).isEmpty();
  }
}
