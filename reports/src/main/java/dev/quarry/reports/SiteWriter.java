package dev.quarry.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.eval.results.EvalHistory;
import dev.quarry.eval.results.HistoryDb;
import dev.quarry.eval.results.QuestionResult;
import dev.quarry.eval.results.RunFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the static site into a directory: {@code index.html} (trend charts + runs table, newest first, with
 * the bank each run used), {@code runs/<run-id>.html} (breakdowns, errors, latency, baseline, and every failing
 * question with gold and predicted SQL and their results side by side), {@code charts/*.png} and
 * {@code style.css}. Every "Δ" compares a run with the previous run on the same bank
 * ({@link EvalHistory#previousOnSameBank}); a run without one shows none.
 */
public final class SiteWriter {

  /** Folder of the run pages, relative to the site root. */
  public static final String RUNS_DIR = "runs";

  private SiteWriter() {}

  /** Path of a run's page relative to the site root. */
  public static String runPage(String runId) {
    return RUNS_DIR + "/" + Fmt.fileSafe(runId) + ".html";
  }

  /**
   * Writes the whole site.
   *
   * @param siteDir output directory (existing, normally empty)
   * @param history runs and breakdowns
   * @param runData per run id, the run directory's files; a run without entry gets a page built from the
   *     history alone
   * @param generatedAt timestamp shown on the pages
   * @throws IOException if a file cannot be written
   */
  public static void write(Path siteDir, EvalHistory history, Map<String, RunFiles.RunData> runData,
      Instant generatedAt) throws IOException {
    Files.createDirectories(siteDir.resolve(RUNS_DIR));
    copyResource("templates/style.css", siteDir.resolve("style.css"));
    List<ChartFile> charts = history.runs().isEmpty() ? List.of() : TrendCharts.writeTrends(history, siteDir);

    List<Views.RunEntry> rows = new ArrayList<>();
    for (HistoryDb.RunRow r : history.runs()) {
      rows.add(runRow(r, history.previousOnSameBank(r).orElse(null)));
    }
    List<Views.RunEntry> newestFirst = new ArrayList<>(rows);
    java.util.Collections.reverse(newestFirst);

    Map<String, Object> index = new HashMap<>();
    index.put("generatedAt", generatedAt.toString());
    index.put("root", "");
    index.put("charts", charts);
    index.put("runs", newestFirst);
    index.put("latest", newestFirst.isEmpty() ? null : newestFirst.get(0));
    Files.writeString(siteDir.resolve("index.html"), Templates.html("index.peb", index), StandardCharsets.UTF_8);

    for (int i = 0; i < history.runs().size(); i++) {
      HistoryDb.RunRow r = history.runs().get(i);
      HistoryDb.RunRow before = history.previousOnSameBank(r).orElse(null);
      Map<String, Object> ctx = runContext(history, r, before, rows.get(i), runData.get(r.runId()), siteDir);
      ctx.put("generatedAt", generatedAt.toString());
      ctx.put("root", "../");
      Files.writeString(siteDir.resolve(runPage(r.runId())), Templates.html("run.peb", ctx), StandardCharsets.UTF_8);
    }
  }

  /** A runs-table row; {@code prev} is the previous run on the same bank, or null. */
  static Views.RunEntry runRow(HistoryDb.RunRow r, HistoryDb.RunRow prev) {
    var m = r.metrics();
    return new Views.RunEntry(r.runId(), runPage(r.runId()), r.startedAt() == null ? "" : r.startedAt().toString(),
        model(r), bank(r.bankSha256()), r.bankSha256() == null ? "" : r.bankSha256(), m.n(), Fmt.pct(m.exStrict()),
        Fmt.pct(m.exLenient()), Fmt.pct(m.testSuite()), Fmt.pct(m.exactSet()), Fmt.pct(m.validSql()),
        prev == null ? "" : Fmt.signedPoints(Fmt.points(m.exStrict(), prev.metrics().exStrict())));
  }

  /** A bank's short name: the first {@value #BANK_CHARS} hex digits of its SHA-256 ("" when unknown). */
  static String bank(String sha256) {
    return sha256 == null ? "" : sha256.substring(0, Math.min(BANK_CHARS, sha256.length()));
  }

  /** Hex digits of a bank's SHA-256 shown in tables and chart legends. */
  static final int BANK_CHARS = 12;

  static String model(HistoryDb.RunRow r) {
    return r.modelId() + (r.modelSpec() == null || r.modelSpec().equals(r.modelId()) ? "" : " (" + r.modelSpec() + ")");
  }

  /** Breakdown rows of {@code run} in {@code scope}, with changes vs the same group in {@code before}. */
  static List<Views.GroupRow> groups(EvalHistory h, HistoryDb.RunRow run, HistoryDb.RunRow before, String scope) {
    Map<String, HistoryDb.BreakdownRow> prev = new TreeMap<>();
    if (before != null) {
      h.breakdown(before.runId(), scope).forEach(b -> prev.put(b.key(), b));
    }
    List<Views.GroupRow> out = new ArrayList<>();
    for (HistoryDb.BreakdownRow b : h.breakdown(run.runId(), scope)) {
      HistoryDb.BreakdownRow p = prev.get(b.key());
      out.add(new Views.GroupRow(b.key(), b.n(), Fmt.pct(b.exStrict()), Fmt.pct(b.exLenient()),
          Fmt.pct(b.testSuite()),
          p == null ? "" : Fmt.signedPoints(Fmt.points(b.exStrict(), p.exStrict())),
          p == null ? "" : Fmt.signedPoints(Fmt.points(b.testSuite(), p.testSuite()))));
    }
    if (scope.equals(HistoryDb.DIFFICULTY)) {
      List<String> order = List.of("easy", "medium", "hard", "extra");
      out.sort(java.util.Comparator.comparingInt(g -> order.indexOf(g.key()) < 0 ? 99 : order.indexOf(g.key())));
    }
    return out;
  }

  private static Map<String, Object> runContext(EvalHistory h, HistoryDb.RunRow r, HistoryDb.RunRow before,
      Views.RunEntry row, RunFiles.RunData data, Path siteDir) throws IOException {
    Map<String, Object> ctx = new HashMap<>();
    ctx.put("run", row);
    ctx.put("finished", r.finishedAt() == null ? "" : r.finishedAt().toString());
    ctx.put("bankSha256", r.bankSha256() == null ? "" : r.bankSha256());
    ctx.put("previous", before == null ? null : before.runId());
    ctx.put("previousPage", before == null ? null : "../" + runPage(before.runId()));
    ctx.put("categories", groups(h, r, before, HistoryDb.CATEGORY));
    ctx.put("difficulties", groups(h, r, before, HistoryDb.DIFFICULTY));
    ChartFile chart = TrendCharts.writeRunChart(h, r.runId(), siteDir);
    ctx.put("chart", chart == null ? null : new ChartFile("../" + chart.path(), chart.title()));
    ctx.put("hasResults", data != null);
    List<Views.LabelValue> errors = new ArrayList<>();
    List<Views.LabelValue> failureClasses = new ArrayList<>();
    List<Views.LabelValue> latency = new ArrayList<>();
    Map<String, Object> baseline = null;
    List<Views.Failure> failures = new ArrayList<>();
    if (data != null) {
      JsonNode s = data.summary();
      Map<String, Long> counts = new TreeMap<>();
      if (s.path("error_classes").isObject()) {
        s.get("error_classes").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
      } else {
        data.results().stream().filter(q -> q.errorClass() != null)
            .forEach(q -> counts.merge(q.errorClass().id(), 1L, Long::sum));
      }
      counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> errors.add(new Views.LabelValue(e.getKey(), Long.toString(e.getValue()))));
      Map<String, Long> byFailure = new TreeMap<>();
      data.results().forEach(q -> {
        if (q.failureClass() != null) {
          byFailure.merge(q.failureClass().key(), 1L, Long::sum);
        }
      });
      byFailure.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> failureClasses.add(new Views.LabelValue(e.getKey(), Long.toString(e.getValue()))));
      for (String part : List.of("generation", "execution")) {
        JsonNode l = s.path("latency_ms").path(part);
        if (l.isObject()) {
          latency.add(new Views.LabelValue(part, "p50 " + Fmt.ms(l.path("p50").asDouble(Double.NaN)) + " · p95 "
              + Fmt.ms(l.path("p95").asDouble(Double.NaN)) + " · max " + Fmt.ms(l.path("max").asDouble(Double.NaN))));
        }
      }
      baseline = baseline(s.path("baseline"));
      for (QuestionResult q : data.results()) {
        if (q.failing()) {
          failures.add(new Views.Failure(q.id(), q.question(), q.category(), q.difficulty(),
              q.errorClass() == null ? "" : q.errorClass().id(), q.message() == null ? "" : q.message(), q.goldSql(),
              q.predictedSql(), q.exStrict(), Views.ResultRows.of(q.goldColumns(), q.goldRows()),
              Views.ResultRows.of(q.predictedColumns(), q.predictedRows())));
        }
      }
      ctx.put("passing", data.results().size() - failures.size());
    } else {
      ctx.put("passing", 0);
    }
    ctx.put("errors", errors);
    ctx.put("failureClasses", failureClasses);
    ctx.put("latency", latency);
    ctx.put("baseline", baseline);
    ctx.put("failures", failures);
    return ctx;
  }

  /** The baseline comparison of a run's summary.json as template values, or null when there is none. */
  static Map<String, Object> baseline(JsonNode b) {
    if (b == null || !b.isObject()) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runId", b.path("run_id").asText(""));
    m.put("before", Fmt.pct(b.path("ex_strict_before").asDouble(Double.NaN)));
    m.put("after", Fmt.pct(b.path("ex_strict_after").asDouble(Double.NaN)));
    m.put("delta", Fmt.signedPoints(b.path("delta_points").asDouble(Double.NaN)));
    m.put("gate", b.path("gate").asText(""));
    m.put("mcnemarP", b.hasNonNull("mcnemar_p") ? String.format(java.util.Locale.ROOT, "%.4f", b.get("mcnemar_p").asDouble()) : "–");
    m.put("maxDrop", b.path("max_drop").asText(""));
    m.put("newlyFailing", ids(b.path("newly_failing")));
    m.put("newlyPassing", ids(b.path("newly_passing")));
    return m;
  }

  private static List<String> ids(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static void copyResource(String name, Path to) throws IOException {
    try (InputStream in = SiteWriter.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("Missing classpath resource " + name);
      }
      Files.copy(in, to);
    }
  }
}
