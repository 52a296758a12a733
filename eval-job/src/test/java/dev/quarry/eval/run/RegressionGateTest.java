package dev.quarry.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.eval.results.EvalError;
import dev.quarry.eval.results.QuestionResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionGateTest {

  @Test
  void mcnemarExactMatchesTheBinomialSum() {
    // b=0, c=5: 2 * C(5,0)/2^5 = 0.0625
    assertThat(McNemar.exactP(0, 5)).isCloseTo(0.0625, within(1e-12));
    // b=2, c=8: 2 * (1 + 10 + 45) / 1024 = 0.109375
    assertThat(McNemar.exactP(2, 8)).isCloseTo(0.109375, within(1e-12));
    assertThat(McNemar.exactP(8, 2)).isEqualTo(McNemar.exactP(2, 8));
    assertThat(McNemar.exactP(3, 3)).isEqualTo(1.0);
    assertThat(McNemar.exactP(0, 0)).isEqualTo(1.0);
    assertThat(McNemar.exactP(0, 1000)).isLessThan(1e-290);
  }

  private static QuestionResult r(String id, boolean ok) {
    return new QuestionResult(id, "q", "c", "easy", "SELECT 1", "SELECT 1", ok, ok, ok, false, true,
        ok ? null : EvalError.WRONG_RESULT, 0, 0, List.of(), List.of(), List.of(), List.of(), null);
  }

  @Test
  void listsNewlyFailingAndPassingAndGatesOnTheDrop() {
    Map<String, Boolean> before = new HashMap<>();
    List<QuestionResult> now = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      before.put("q" + i, i < 90); // 90% before
      boolean ok = i < 90 && i >= 5 || i == 95; // q0..q4 newly fail, q95 newly passes: 86%
      now.add(r("q" + i, ok));
    }
    Baseline b = RegressionGate.compare("base", 0.90, before, now, 2.0);
    assertThat(b.newlyFailing()).containsExactly("q0", "q1", "q2", "q3", "q4");
    assertThat(b.newlyPassing()).containsExactly("q95");
    assertThat(b.deltaPoints()).isCloseTo(-4.0, within(1e-9));
    assertThat(b.gate()).isEqualTo("fail");
    assertThat(b.mcnemarP()).isCloseTo(McNemar.exactP(5, 1), within(1e-12));
    assertThat(RegressionGate.compare("base", 0.90, before, now, 5.0).gate()).isEqualTo("pass");
  }

  @Test
  void percentilesUseNearestRank() {
    List<Double> v = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      v.add((double) i);
    }
    Percentiles p = Percentiles.of(v);
    assertThat(p.p50()).isEqualTo(10.0);
    assertThat(p.p95()).isEqualTo(19.0);
    assertThat(p.max()).isEqualTo(20.0);
  }
}
