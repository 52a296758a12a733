package dev.quarry.eval.results;

import java.util.List;

/**
 * Accuracy fractions over a set of results (0..1; all 0 for an empty set). Questions whose gold SQL failed
 * ({@link EvalError#GOLD_FAILED}) are left out: the bank, not the model, is at fault.
 *
 * @param n number of questions scored
 * @param exStrict execution accuracy, strict
 * @param exLenient execution accuracy, extra columns allowed
 * @param testSuite test-suite accuracy
 * @param exactSet exact-set (normalized SQL) match rate
 * @param validSql fraction of predictions that ran without error
 */
public record Metrics(int n, double exStrict, double exLenient, double testSuite, double exactSet, double validSql) {

  /** Computes the metrics of {@code all}, leaving out the questions whose gold SQL failed. */
  public static Metrics of(List<QuestionResult> all) {
    List<QuestionResult> rs = all.stream().filter(r -> r.errorClass() != EvalError.GOLD_FAILED).toList();
    int n = rs.size();
    if (n == 0) {
      return new Metrics(0, 0, 0, 0, 0, 0);
    }
    int s = 0;
    int l = 0;
    int t = 0;
    int e = 0;
    int v = 0;
    for (QuestionResult r : rs) {
      s += r.exStrict() ? 1 : 0;
      l += r.exLenient() ? 1 : 0;
      t += r.testSuite() ? 1 : 0;
      e += r.exactSet() ? 1 : 0;
      v += r.validSql() ? 1 : 0;
    }
    return new Metrics(n, (double) s / n, (double) l / n, (double) t / n, (double) e / n, (double) v / n);
  }
}
