package dev.quarry.eval.run;

import dev.quarry.core.sql.FailureClass;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.eval.results.EvalError;
import dev.quarry.eval.results.Metrics;
import dev.quarry.eval.results.QuestionResult;
import dev.quarry.eval.results.ResultsJsonl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds {@code summary.json} ({@link dev.quarry.eval.results.RunFiles#SUMMARY}; shape in the eval output
 * contract) and the breakdowns it holds.
 */
public final class SummaryJson {

  private SummaryJson() {}

  /** Metrics per category, categories sorted. */
  public static Map<String, Metrics> byCategory(List<QuestionResult> rs) {
    return group(rs, QuestionResult::category, new TreeMap<>());
  }

  /** Metrics per difficulty, in easy, medium, hard, extra order (levels without questions omitted). */
  public static Map<String, Metrics> byDifficulty(List<QuestionResult> rs) {
    Map<String, Metrics> all = group(rs, QuestionResult::difficulty, new TreeMap<>());
    Map<String, Metrics> out = new LinkedHashMap<>();
    for (String d : dev.quarry.eval.bank.BankQuestion.DIFFICULTIES) {
      if (all.containsKey(d)) {
        out.put(d, all.get(d));
      }
    }
    return out;
  }

  private static Map<String, Metrics> group(List<QuestionResult> rs, Function<QuestionResult, String> key,
      Map<String, Metrics> out) {
    Map<String, List<QuestionResult>> g = new TreeMap<>();
    for (QuestionResult r : rs) {
      g.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
    }
    g.forEach((k, v) -> out.put(k, Metrics.of(v)));
    return out;
  }

  /** Count per error class (every class listed, zeros included). */
  public static Map<String, Integer> errorClasses(List<QuestionResult> rs) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (EvalError e : EvalError.values()) {
      out.put(e.id(), 0);
    }
    for (QuestionResult r : rs) {
      if (r.errorClass() != null) {
        out.merge(r.errorClass().id(), 1, Integer::sum);
      }
    }
    return out;
  }

  /**
   * Count per failure class of the wrong answers ({@link QuestionResult#failureClass()}; every class listed,
   * zeros included), so the next improvement can be chosen from data.
   */
  public static Map<String, Integer> failureClasses(List<QuestionResult> rs) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (FailureClass f : FailureClass.values()) {
      out.put(f.key(), 0);
    }
    for (QuestionResult r : rs) {
      FailureClass f = r.failureClass();
      if (f != null) {
        out.merge(f.key(), 1, Integer::sum);
      }
    }
    return out;
  }

  /** The metrics object. */
  public static ObjectNode metrics(Metrics m) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("n", m.n());
    o.put("ex_strict", m.exStrict());
    o.put("ex_lenient", m.exLenient());
    o.put("test_suite", m.testSuite());
    o.put("exact_set", m.exactSet());
    o.put("valid_sql", m.validSql());
    return o;
  }

  /** The latency object: generation and execution p50/p95/max in ms. */
  public static ObjectNode latency(List<QuestionResult> rs) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.set("generation", pct(Percentiles.of(rs.stream().map(QuestionResult::generationMs).toList())));
    o.set("execution", pct(Percentiles.of(rs.stream().map(QuestionResult::executionMs).toList())));
    return o;
  }

  private static ObjectNode pct(Percentiles p) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("p50", ResultsJsonl.round(p.p50()));
    o.put("p95", ResultsJsonl.round(p.p95()));
    o.put("max", ResultsJsonl.round(p.max()));
    return o;
  }

  /** The baseline object (or JSON null). */
  public static com.fasterxml.jackson.databind.JsonNode baseline(Baseline b) {
    if (b == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("run_id", b.runId());
    o.put("ex_strict_before", b.exStrictBefore());
    o.put("ex_strict_after", b.exStrictAfter());
    o.put("delta_points", b.deltaPoints());
    b.newlyFailing().forEach(o.putArray("newly_failing")::add);
    if (!o.has("newly_failing")) {
      o.putArray("newly_failing");
    }
    var np = o.putArray("newly_passing");
    b.newlyPassing().forEach(np::add);
    o.put("mcnemar_p", b.mcnemarP());
    o.put("gate", b.gate());
    o.put("max_drop", b.maxDrop());
    return o;
  }
}
