package dev.quarry.eval.run;

import dev.quarry.core.sql.ErrorClass;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.SqlExecutor;
import dev.quarry.core.sql.SqlNormalizer;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.core.text.SafeText;
import dev.quarry.eval.bank.BankQuestion;
import dev.quarry.eval.bank.QueryBank;
import dev.quarry.core.compare.Comparison;
import dev.quarry.core.compare.ResultComparator;
import dev.quarry.eval.generate.Prediction;
import dev.quarry.eval.generate.Predictor;
import dev.quarry.eval.results.EvalError;
import dev.quarry.eval.results.QuestionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Scores a predictor on a bank: for each question, predicts SQL, runs it and every gold alternative on the
 * main database through a {@link SqlExecutor} (a {@link SqlSandbox}: validator, DuckDB gate, locked-down
 * database, timeout, row cap; normally inside a supervised worker process with hard time and memory limits) and compares results ({@link ResultComparator}); a prediction that matches strictly is also run on
 * each test-suite database and counts for test-suite accuracy only if it matches there too (Zhong et al.
 * 2020, "Semantic Evaluation for Text-to-SQL with Distilled Test Suites": a prediction is correct only if
 * its denotation equals the gold's on every database of the suite). Exact-set match compares
 * {@link SqlNormalizer} texts (JSqlParser-normalized; a stand-in for Spider's component-set match).
 *
 * <p>A question whose gold SQL fails (every alternative) is {@link EvalErrors#GOLD_FAILED}: the bank is at fault,
 * so it is reported but not scored against the model ({@link Metrics#of} leaves it out).
 *
 * <p>One question never stops the run: predicted SQL is made well-formed UTF-16 before anything sees it
 * (lone surrogates become U+FFFD), and any {@link Throwable} raised while predicting or scoring one question
 * (a {@link StackOverflowError} in a parser, a failed worker, a bug) becomes that question's
 * {@code internal_error} with the exception in its message.
 *
 * <p>Single-threaded; sandboxes are owned by the caller.
 */
public final class EvalRunner {

  /** Rows kept per result in {@code results.jsonl}. */
  public static final int SAMPLE_ROWS = 20;

  private final SqlExecutor main;
  private final List<? extends SqlExecutor> testSuite;
  private final ResultComparator comparator;

  /**
   * @param main sandbox over the main seed data
   * @param testSuite sandboxes over the test-suite databases (may be empty: then test-suite = strict EX)
   * @param comparator result comparison rules
   */
  public EvalRunner(SqlExecutor main, List<? extends SqlExecutor> testSuite, ResultComparator comparator) {
    this.main = main;
    this.testSuite = List.copyOf(testSuite);
    this.comparator = comparator;
  }

  /**
   * Scores every question in bank order.
   *
   * @param bank the bank
   * @param predictor the predictor
   * @param progress called with the number of questions done (may be null)
   * @return one result per question
   */
  public List<QuestionResult> run(QueryBank bank, Predictor predictor, IntConsumer progress) {
    List<QuestionResult> out = new ArrayList<>();
    for (BankQuestion q : bank.questions()) {
      Prediction p;
      long t0 = System.nanoTime();
      try {
        p = predictor.predict(q);
      } catch (RuntimeException | StackOverflowError e) {
        p = new Prediction("", (System.nanoTime() - t0) / 1e6, "predictor failed on " + q.id() + ": " + describe(e));
      }
      out.add(score(q, p));
      if (progress != null) {
        progress.accept(out.size());
      }
    }
    return out;
  }

  /**
   * Scores one prediction.
   *
   * @param q the question
   * @param p the prediction
   * @return its result
   */
  public QuestionResult score(BankQuestion q, Prediction raw) {
    Prediction p = new Prediction(SafeText.wellFormed(raw.sql()), raw.generationMs(), SafeText.wellFormed(raw.message()));
    try {
      return scoreUnguarded(q, p);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String msg = "question " + q.id() + ": scoring failed: " + describe(e);
      QueryOutcome none = QueryOutcome.internalError(ErrorClass.INTERNAL, msg);
      return result(q, q.goldSql().get(0), none, p, none, false, false, false, false, EvalError.INTERNAL_ERROR, msg);
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + SafeText.bounded(m, 500, 500));
  }

  private QuestionResult scoreUnguarded(BankQuestion q, Prediction p) {
    List<QueryOutcome> golds = new ArrayList<>();
    for (String g : q.goldSql()) {
      golds.add(main.execute(g));
    }
    int firstOk = -1;
    for (int i = 0; i < golds.size(); i++) {
      if (golds.get(i).isOk()) {
        firstOk = i;
        break;
      }
    }
    String sql = p.sql().strip();
    boolean exact = false;
    if (!sql.isEmpty()) {
      String norm = SqlNormalizer.normalize(sql);
      for (String g : q.goldSql()) {
        exact |= norm.equals(SqlNormalizer.normalize(g));
      }
    }
    if (sql.isEmpty() && firstOk >= 0) {
      return result(q, q.goldSql().get(0), golds.get(firstOk), p, null, false, false, false, exact, EvalError.NO_PREDICTION,
          p.message() != null ? p.message() : "empty prediction");
    }
    QueryOutcome pred = sql.isEmpty() ? null : main.execute(sql);
    if (firstOk < 0) {
      return result(q, q.goldSql().get(0), golds.get(0), p, pred, false, false, false, exact, EvalError.GOLD_FAILED,
          "gold SQL failed, so this question is not scored: " + golds.get(0).message());
    }
    if (!pred.isOk()) {
      return result(q, q.goldSql().get(firstOk), golds.get(firstOk), p, pred, false, false, false, exact,
          EvalError.of(pred), pred.message());
    }
    int strictAlt = -1;
    int lenientAlt = -1;
    for (int i = 0; i < golds.size(); i++) {
      QueryOutcome g = golds.get(i);
      if (!g.isOk()) {
        continue;
      }
      Comparison c = comparator.compare(g, pred);
      if (c.strict() && strictAlt < 0) {
        strictAlt = i;
      }
      if (c.lenient() && lenientAlt < 0) {
        lenientAlt = i;
      }
    }
    boolean strict = strictAlt >= 0;
    boolean lenient = lenientAlt >= 0;
    int shownAlt = strict ? strictAlt : lenient ? lenientAlt : firstOk;
    boolean suite = strict && onTestSuite(q, sql);
    return result(q, q.goldSql().get(shownAlt), golds.get(shownAlt), p, pred, strict, lenient, suite, exact,
        strict ? null : EvalError.WRONG_RESULT, strict ? null : lenient ? "extra columns" : "result differs from gold");
  }

  private boolean onTestSuite(BankQuestion q, String sql) {
    for (SqlExecutor db : testSuite) {
      QueryOutcome pred = db.execute(sql);
      if (!pred.isOk()) {
        return false;
      }
      boolean any = false;
      for (String g : q.goldSql()) {
        QueryOutcome gold = db.execute(g);
        if (gold.isOk() && comparator.compare(gold, pred).strict()) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private static QuestionResult result(BankQuestion q, String gold, QueryOutcome goldOutcome, Prediction p,
      QueryOutcome pred, boolean strict, boolean lenient, boolean suite, boolean exact, EvalError error,
      String message) {
    double execMs = pred == null ? 0.0 : pred.elapsedMicros() / 1000.0;
    return new QuestionResult(q.id(), q.question(), q.category(), q.difficulty(), gold, p.sql(), strict, lenient,
        suite, exact, pred != null && pred.isOk(), error, p.generationMs(), execMs,
        goldOutcome.columnNames(), head(goldOutcome.rows()),
        pred == null ? List.of() : pred.columnNames(), pred == null ? List.of() : head(pred.rows()), message);
  }

  private static List<List<Object>> head(List<List<Object>> rows) {
    return rows.size() <= SAMPLE_ROWS ? rows : rows.subList(0, SAMPLE_ROWS);
  }
}
