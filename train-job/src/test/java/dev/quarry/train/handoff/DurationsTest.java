package dev.quarry.train.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parsesUnitsCombinationsAndIso() {
    assertThat(Durations.parse("90s", "--t")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("1h30m", "--t")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("2d", "--t")).isEqualTo(Duration.ofHours(48));
    assertThat(Durations.parse("PT24H", "--t")).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void rejectsGarbageNamingTheOption() {
    for (String bad : new String[] {"", "0s", "10", "5x", "h", "1h 2m", "P-1D"}) {
      assertThatThrownBy(() -> Durations.parse(bad, "--time-limit")).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--time-limit");
    }
  }
}
