package dev.quarry.eval.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** results.jsonl, summary.json and the history keep the error classes' spellings and report order. */
class EvalErrorTest {

  @Test
  void spellingsAndOrderAreThoseOfTheRunFiles() {
    assertThat(Arrays.stream(EvalError.values()).map(EvalError::id)).containsExactly("parse_error", "unsafe",
        "unknown_table", "unknown_column", "runtime_error", "timeout", "wrong_result", "no_prediction", "too_complex",
        "resource_limit", "internal_error", "gold_failed");
    for (EvalError e : EvalError.values()) {
      assertThat(EvalError.ofId(e.id())).isSameAs(e);
    }
    assertThatThrownBy(() -> EvalError.ofId("oops")).hasMessageContaining("'oops'");
  }
}
