package dev.quarry.eval.run;

/**
 * McNemar's exact test for paired binary outcomes (McNemar 1947; exact form: the two-sided binomial test
 * on the discordant pairs, e.g. Fagerland, Lydersen and Laake 2013, "The McNemar test for binary
 * matched-pairs data: mid-p and asymptotic are better than exact conditional", BMC Med Res Methodol 13:91):
 * with b pairs correct before and wrong after and c the reverse, n = b + c,
 * {@code p = min(1, 2 · Σ_{i=0}^{min(b,c)} C(n, i) / 2^n)}; p = 1 when n = 0.
 */
public final class McNemar {

  private McNemar() {}

  /**
   * Two-sided exact p-value.
   *
   * @param b discordant pairs one way (≥ 0)
   * @param c discordant pairs the other way (≥ 0)
   * @return p in [0, 1]
   * @throws IllegalArgumentException if b or c is negative
   */
  public static double exactP(int b, int c) {
    if (b < 0 || c < 0) {
      throw new IllegalArgumentException("counts must be >= 0: b=" + b + ", c=" + c);
    }
    int n = b + c;
    if (n == 0) {
      return 1.0;
    }
    int k = Math.min(b, c);
    // sum in log space: C(n,i)/2^n
    double sum = 0.0;
    double logTwoN = n * Math.log(2);
    for (int i = 0; i <= k; i++) {
      sum += Math.exp(logChoose(n, i) - logTwoN);
    }
    return Math.min(1.0, 2.0 * sum);
  }

  private static double logChoose(int n, int k) {
    double s = 0.0;
    for (int i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }
}
