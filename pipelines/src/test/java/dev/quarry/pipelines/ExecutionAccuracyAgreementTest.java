package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.compare.ResultComparator;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.core.workspace.Workspace;
import dev.quarry.eval.bank.BankQuestion;
import dev.quarry.eval.bank.QueryBank;
import dev.quarry.eval.generate.Prediction;
import dev.quarry.eval.generate.Predictor;
import dev.quarry.eval.run.EvalRunner;
import dev.quarry.eval.results.QuestionResult;
import dev.quarry.train.ExecutionMatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One meaning of "execution accuracy": the training's validation/test EX ({@link ExecutionMatch}) and the
 * evaluation's strict EX ({@link EvalRunner}) give the same verdict on the same gold and predicted SQL, on
 * real seed data (seed 42, scale 1).
 */
class ExecutionAccuracyAgreementTest {

  @TempDir static Path ws;
  static SqlSandbox sandbox;

  @BeforeAll
  static void seed() {
    assertThat(QuarryCli.execute("seed", "--workspace", ws.toString())).isZero();
    sandbox = SqlSandbox.open(DomainLoader.load("education"), new Workspace(ws).seedDir("education", 42, 1),
        SandboxSettings.defaults());
  }

  @AfterAll
  static void close() {
    sandbox.close();
  }

  /** A gold query, a prediction, and whether the prediction is correct. */
  private record Case(String id, String gold, String predicted, boolean correct) {}

  private static final String BY_SCHOOL = "SELECT school_name, COUNT(*) FROM students GROUP BY school_name";

  private static final List<Case> CASES = List.of(
      new Case("same", BY_SCHOOL, BY_SCHOOL, true),
      new Case("column-order", BY_SCHOOL, "SELECT COUNT(*), school_name FROM students GROUP BY school_name", true),
      new Case("alias", "SELECT COUNT(*) FROM students", "SELECT COUNT(*) AS n FROM students", true),
      new Case("float-within-tolerance", "SELECT AVG(absence_count) FROM attendance",
          "SELECT AVG(absence_count) + 1e-9 FROM attendance", true),
      new Case("float-outside-tolerance", "SELECT AVG(absence_count) FROM attendance",
          "SELECT AVG(absence_count) + 1e-3 FROM attendance", false),
      new Case("integer-as-decimal", "SELECT COUNT(*) FROM students", "SELECT COUNT(*) * 1.0 FROM students", true),
      new Case("order-by-in-gold-reversed", BY_SCHOOL + " ORDER BY school_name",
          BY_SCHOOL + " ORDER BY school_name DESC", false),
      new Case("no-order-by-in-gold", BY_SCHOOL, BY_SCHOOL + " ORDER BY school_name DESC", true),
      new Case("extra-column", "SELECT COUNT(*) FROM students", "SELECT COUNT(*), 1 FROM students", false),
      new Case("wrong-value", "SELECT COUNT(*) FROM students", "SELECT COUNT(*) + 1 FROM students", false),
      new Case("does-not-run", "SELECT COUNT(*) FROM students", "SELECT nope FROM students", false));

  @Test
  void trainingAndEvaluationGiveTheSameVerdicts() {
    ExecutionMatch training = new ExecutionMatch(sandbox);
    List<Boolean> trainingVerdicts = new ArrayList<>();
    for (Case c : CASES) {
      trainingVerdicts.add(training.matches(c.predicted(), c.gold()));
    }

    List<BankQuestion> questions = new ArrayList<>();
    Map<String, String> predicted = new java.util.HashMap<>();
    for (Case c : CASES) {
      questions.add(new BankQuestion(c.id(), "q " + c.id(), List.of(c.gold()), "c", "easy", null));
      predicted.put(c.id(), c.predicted());
    }
    Predictor replay = new Predictor() {
      @Override
      public String modelId() {
        return "cases";
      }

      @Override
      public Prediction predict(BankQuestion q) {
        return new Prediction(predicted.get(q.id()), 0, null);
      }
    };
    List<Boolean> evalVerdicts = new EvalRunner(sandbox, List.of(), ResultComparator.defaults())
        .run(new QueryBank("cases", "0", questions), replay, null).stream().map(QuestionResult::exStrict).toList();

    List<Boolean> expected = CASES.stream().map(Case::correct).toList();
    assertThat(trainingVerdicts).as("training EX per case %s", CASES).isEqualTo(expected);
    assertThat(evalVerdicts).as("eval EX per case %s", CASES).isEqualTo(expected);
  }
}
