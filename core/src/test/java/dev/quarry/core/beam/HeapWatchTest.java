package dev.quarry.core.beam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the heap counts as exhausted: consecutive observations near the maximum after collection. */
class HeapWatchTest {

  private static final long MB = 1L << 20;

  @Test
  void exhaustedOnlyAfterConsecutiveNearlyFullObservations() {
    HeapWatch w = new HeapWatch();
    assertThat(w.observe(4000 * MB, 4096 * MB)).isFalse();
    assertThat(w.observe(4090 * MB, 4096 * MB)).isFalse();
    assertThat(w.observe(1000 * MB, 4096 * MB)).isFalse(); // memory came back: strikes reset
    assertThat(w.observe(3900 * MB, 4096 * MB)).isFalse();
    assertThat(w.observe(3900 * MB, 4096 * MB)).isFalse();
    assertThat(w.observe(3900 * MB, 4096 * MB)).isTrue();
    assertThat(w.describe()).isEqualTo("3,900 MB of 4,096 MB");
  }

  @Test
  void unknownMaximumNeverCountsAsExhausted() {
    HeapWatch w = new HeapWatch();
    for (int i = 0; i < 5; i++) {
      assertThat(w.observe(100 * MB, 0)).isFalse();
    }
  }

  @Test
  void thisTestJvmIsNotExhausted() {
    HeapWatch w = new HeapWatch();
    for (int i = 0; i < HeapWatch.STRIKES; i++) {
      assertThat(w.exhausted()).isFalse();
    }
  }
}
