package dev.quarry.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.sql.RejectReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The rejects file and the manifest keep their spellings; every reason reads back as itself. */
class DropReasonTest {

  @Test
  void spellingsAreTheLowerCaseNamesAndReadBack() {
    assertThat(new DropReason.Refused(RejectReason.UNKNOWN_COLUMN).id()).isEqualTo("unknown_column");
    assertThat(Arrays.stream(DropReason.Dropped.values()).map(DropReason::id)).containsExactly("runtime_error",
        "timeout", "too_many_rows", "empty_result", "ambiguous_question", "duplicate");
    for (RejectReason r : RejectReason.values()) {
      DropReason refused = new DropReason.Refused(r);
      assertThat(DropReason.ofId(refused.id())).isEqualTo(refused);
    }
    for (DropReason.Dropped d : DropReason.Dropped.values()) {
      assertThat(DropReason.ofId(d.id())).isSameAs(d);
    }
    assertThatThrownBy(() -> DropReason.ofId("flaky")).hasMessageContaining("'flaky'");
  }
}
