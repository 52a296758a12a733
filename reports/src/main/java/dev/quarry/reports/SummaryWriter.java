package dev.quarry.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.eval.results.EvalHistory;
import dev.quarry.eval.results.HistoryDb;
import dev.quarry.eval.results.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Builds the report's {@code summary.json} (for machines) and {@code summary.md} (to paste into a pull
 * request or chat): the latest run, its breakdown and the change vs the previous run on the same bank
 * ({@link EvalHistory#previousOnSameBank}) in percentage points.
 *
 * <p>{@code summary.json} shape:
 * <pre>
 * { "generated_at", "runs": count, "site": "index.html",
 *   "latest": null | { "run_id", "started_at", "model_spec", "model_id", "bank_sha256", "n", "page",
 *                      "metrics": {"ex_strict", "ex_lenient", "test_suite", "exact_set", "valid_sql"} (0..1),
 *                      "by_category": {"&lt;cat&gt;": {"n", "ex_strict", "ex_lenient", "test_suite"}},
 *                      "by_difficulty": {...}, "error_classes": {"&lt;class&gt;": count} (from the run's summary),
 *                      "gate": "pass" | "fail" | null, "newly_failing": [ids] },
 *   "previous": null | { "run_id", "metrics": {...} } (the previous run on the latest run's bank),
 *   "delta_points": null | {"ex_strict", ...} (latest − previous, percentage points, 1 decimal),
 *   "by_category_delta_points": {"&lt;cat&gt;": {"ex_strict", "test_suite"}} (categories in both runs) }
 * </pre>
 */
public final class SummaryWriter {

  /** Pretty-printed, keys sorted. */
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private static final List<String> METRICS = List.of("ex_strict", "ex_lenient", "test_suite", "exact_set", "valid_sql");
  private static final Map<String, String> LABELS = Map.of("ex_strict", "EX (strict)", "ex_lenient", "EX (lenient)",
      "test_suite", "Test-suite accuracy", "exact_set", "Exact-set match", "valid_sql", "Valid SQL");

  private SummaryWriter() {}

  /**
   * The summary as JSON.
   *
   * @param latestSummary the latest run's own {@code summary.json}, or null if its directory is missing
   */
  public static ObjectNode json(EvalHistory h, JsonNode latestSummary, Instant generatedAt) {
    ObjectNode root = JSON.createObjectNode();
    root.put("generated_at", generatedAt.toString());
    root.put("runs", h.runs().size());
    root.put("site", "index.html");
    HistoryDb.RunRow latest = h.latest().orElse(null);
    HistoryDb.RunRow prev = latest == null ? null : h.previousOnSameBank(latest).orElse(null);
    if (latest == null) {
      root.putNull("latest");
      return withoutComparison(root);
    }
    ObjectNode l = root.putObject("latest");
    l.put("run_id", latest.runId());
    l.put("started_at", latest.startedAt() == null ? null : latest.startedAt().toString());
    l.put("model_spec", latest.modelSpec());
    l.put("model_id", latest.modelId());
    l.put("bank_sha256", latest.bankSha256());
    l.put("n", latest.metrics().n());
    l.put("page", SiteWriter.runPage(latest.runId()));
    l.set("metrics", metrics(latest));
    for (String scope : List.of(HistoryDb.CATEGORY, HistoryDb.DIFFICULTY)) {
      ObjectNode by = l.putObject("by_" + scope);
      for (HistoryDb.BreakdownRow b : h.breakdown(latest.runId(), scope)) {
        ObjectNode g = by.putObject(b.key());
        g.put("n", b.n());
        g.put("ex_strict", b.exStrict());
        g.put("ex_lenient", b.exLenient());
        g.put("test_suite", b.testSuite());
      }
    }
    ObjectNode errors = l.putObject("error_classes");
    JsonNode baseline = null;
    if (latestSummary != null) {
      latestSummary.path("error_classes").fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asLong()));
      baseline = latestSummary.path("baseline").isObject() ? latestSummary.get("baseline") : null;
    }
    l.put("gate", baseline == null ? null : baseline.path("gate").asText(null));
    l.set("newly_failing", baseline == null ? JSON.createArrayNode() : baseline.path("newly_failing").deepCopy());
    if (prev == null) {
      return withoutComparison(root);
    }
    ObjectNode p = root.putObject("previous");
    p.put("run_id", prev.runId());
    p.set("metrics", metrics(prev));
    ObjectNode d = root.putObject("delta_points");
    for (String m : METRICS) {
      putNumber(d, m, Fmt.points(value(latest, m), value(prev, m)));
    }
    ObjectNode byCat = root.putObject("by_category_delta_points");
    Map<String, HistoryDb.BreakdownRow> before = new HashMap<>();
    h.breakdown(prev.runId(), HistoryDb.CATEGORY).forEach(b -> before.put(b.key(), b));
    for (HistoryDb.BreakdownRow b : h.breakdown(latest.runId(), HistoryDb.CATEGORY)) {
      HistoryDb.BreakdownRow o = before.get(b.key());
      if (o != null) {
        ObjectNode g = byCat.putObject(b.key());
        putNumber(g, "ex_strict", Fmt.points(b.exStrict(), o.exStrict()));
        putNumber(g, "test_suite", Fmt.points(b.testSuite(), o.testSuite()));
      }
    }
    return root;
  }

  /** The summary as Markdown (template {@code summary.md.peb}). */
  public static String markdown(EvalHistory h, ObjectNode json) {
    Map<String, Object> ctx = new HashMap<>();
    HistoryDb.RunRow latest = h.latest().orElse(null);
    HistoryDb.RunRow prev = latest == null ? null : h.previousOnSameBank(latest).orElse(null);
    ctx.put("site", "reports/index.html");
    ctx.put("latest", latest == null ? null : SiteWriter.runRow(latest, prev));
    ctx.put("previous", prev == null ? null : SiteWriter.runRow(prev, null));
    List<Map<String, String>> metrics = new ArrayList<>();
    if (latest != null) {
      for (String m : METRICS) {
        metrics.add(Map.of("label", LABELS.get(m), "now", Fmt.pct(value(latest, m)),
            "before", prev == null ? "" : Fmt.pct(value(prev, m)),
            "delta", prev == null ? "" : Fmt.signedPoints(Fmt.points(value(latest, m), value(prev, m)))));
      }
    }
    ctx.put("metrics", metrics);
    ctx.put("categories", latest == null ? List.of() : SiteWriter.groups(h, latest, prev, HistoryDb.CATEGORY));
    List<Views.LabelValue> errors = new ArrayList<>();
    JsonNode l = json.path("latest");
    l.path("error_classes").fields().forEachRemaining(e -> errors.add(new Views.LabelValue(e.getKey(), e.getValue().asText())));
    errors.sort((a, b) -> Long.compare(Long.parseLong(b.value()), Long.parseLong(a.value())));
    ctx.put("errors", errors);
    ctx.put("gate", l.hasNonNull("gate") ? l.get("gate").asText() : null);
    List<String> newlyFailing = new ArrayList<>();
    l.path("newly_failing").forEach(v -> newlyFailing.add(v.asText()));
    ctx.put("newlyFailing", newlyFailing);
    return Templates.text("summary.md.peb", ctx);
  }

  private static ObjectNode metrics(HistoryDb.RunRow r) {
    ObjectNode m = JSON.createObjectNode();
    for (String k : METRICS) {
      putNumber(m, k, value(r, k));
    }
    return m;
  }

  private static void putNumber(ObjectNode n, String key, double v) {
    if (Double.isNaN(v)) {
      n.putNull(key);
    } else {
      n.put(key, v);
    }
  }

  static double value(HistoryDb.RunRow r, String metric) {
    ToDoubleFunction<Metrics> f = switch (metric) {
      case "ex_strict" -> Metrics::exStrict;
      case "ex_lenient" -> Metrics::exLenient;
      case "test_suite" -> Metrics::testSuite;
      case "exact_set" -> Metrics::exactSet;
      case "valid_sql" -> Metrics::validSql;
      default -> throw new IllegalArgumentException("Unknown metric " + metric);
    };
    return f.applyAsDouble(r.metrics());
  }

  /** Marks {@code root} as having no previous run to compare with; returns it. */
  private static ObjectNode withoutComparison(ObjectNode root) {
    root.putNull("previous");
    root.putNull("delta_points");
    root.putObject("by_category_delta_points");
    return root;
  }
}
