package dev.quarry.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomsTest {

  @Test
  void streamsDependOnlyOnSeedAndKey() {
    assertThat(Randoms.stream(42, 7).nextLong()).isEqualTo(Randoms.stream(42, 7).nextLong());
    assertThat(Randoms.stream(42, 7).nextLong()).isNotEqualTo(Randoms.stream(42, 8).nextLong());
    assertThat(Randoms.stream(42, 7).nextLong()).isNotEqualTo(Randoms.stream(43, 7).nextLong());
  }

  @Test
  void distributionsHaveTheirMeans() {
    SplittableRandom rng = Randoms.stream(1, 1);
    int n = 50_000;
    double gauss = 0;
    double gaussSq = 0;
    double poisson = 0;
    int firstOfThree = 0;
    for (int i = 0; i < n; i++) {
      double g = Randoms.gaussian(rng);
      gauss += g;
      gaussSq += g * g;
      poisson += Randoms.poisson(rng, 2.5);
      if (Randoms.weighted(rng, new double[] {0.2, 0.5, 0.3}) == 0) {
        firstOfThree++;
      }
    }
    assertThat(gauss / n).isCloseTo(0, within(0.03));
    assertThat(gaussSq / n).isCloseTo(1, within(0.03));
    assertThat(poisson / n).isCloseTo(2.5, within(0.05));
    assertThat((double) firstOfThree / n).isCloseTo(0.2, within(0.01));
  }
}
