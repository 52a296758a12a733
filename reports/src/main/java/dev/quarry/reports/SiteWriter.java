package dev.quarry.reports;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Writes the static site into a directory: {@code index.html} (trend charts + runs table, newest first),
 * {@code runs/<run-id>.html} (breakdowns, errors, latency, baseline, and every failing question with gold and
 * predicted SQL and their results side by side), {@code charts/*.png} and {@code style.css}.
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
  public static void write(Path siteDir, History history, Map<String, RunFiles.RunData> runData, Instant generatedAt)
      throws IOException {
    Files.createDirectories(siteDir.resolve(RUNS_DIR));
    copyResource("templates/style.css", siteDir.resolve("style.css"));
    List<ChartFile> charts = history.runs().isEmpty() ? List.of() : TrendCharts.writeTrends(history, siteDir);

    List<Views.RunRow> rows = new ArrayList<>();
    RunRecord prev = null;
    for (RunRecord r : history.runs()) {
      rows.add(runRow(r, prev));
      prev = r;
    }
    List<Views.RunRow> newestFirst = new ArrayList<>(rows);
    java.util.Collections.reverse(newestFirst);

    Map<String, Object> index = new HashMap<>();
    index.put("generatedAt", generatedAt.toString());
    index.put("root", "");
    index.put("charts", charts);
    index.put("runs", newestFirst);
    index.put("latest", newestFirst.isEmpty() ? null : newestFirst.get(0));
    Files.writeString(siteDir.resolve("index.html"), Templates.html("index.peb", index), StandardCharsets.UTF_8);

    for (int i = 0; i < history.runs().size(); i++) {
      RunRecord r = history.runs().get(i);
      RunRecord before = i == 0 ? null : history.runs().get(i - 1);
      Map<String, Object> ctx = runContext(history, r, before, rows.get(i), runData.get(r.runId()), siteDir);
      ctx.put("generatedAt", generatedAt.toString());
      ctx.put("root", "../");
      Files.writeString(siteDir.resolve(runPage(r.runId())), Templates.html("run.peb", ctx), StandardCharsets.UTF_8);
    }
  }

  static Views.RunRow runRow(RunRecord r, RunRecord prev) {
    return new Views.RunRow(r.runId(), runPage(r.runId()), r.startedAt() == null ? "" : r.startedAt().toString(),
        model(r), r.n(), Fmt.pct(r.exStrict()), Fmt.pct(r.exLenient()), Fmt.pct(r.testSuite()),
        Fmt.pct(r.exactSet()), Fmt.pct(r.validSql()),
        prev == null ? "" : Fmt.signedPoints(Fmt.points(r.exStrict(), prev.exStrict())));
  }

  static String model(RunRecord r) {
    return r.modelId() + (r.modelSpec() == null || r.modelSpec().equals(r.modelId()) ? "" : " (" + r.modelSpec() + ")");
  }

  /** Breakdown rows of {@code run} in {@code scope}, with changes vs the same group in {@code before}. */
  static List<Views.GroupRow> groups(History h, RunRecord run, RunRecord before, String scope) {
    Map<String, BreakdownRecord> prev = new TreeMap<>();
    if (before != null) {
      h.breakdown(before.runId(), scope).forEach(b -> prev.put(b.key(), b));
    }
    List<Views.GroupRow> out = new ArrayList<>();
    for (BreakdownRecord b : h.breakdown(run.runId(), scope)) {
      BreakdownRecord p = prev.get(b.key());
      out.add(new Views.GroupRow(b.key(), b.n(), Fmt.pct(b.exStrict()), Fmt.pct(b.exLenient()),
          Fmt.pct(b.testSuite()),
          p == null ? "" : Fmt.signedPoints(Fmt.points(b.exStrict(), p.exStrict())),
          p == null ? "" : Fmt.signedPoints(Fmt.points(b.testSuite(), p.testSuite()))));
    }
    if (scope.equals(BreakdownRecord.DIFFICULTY)) {
      List<String> order = List.of("easy", "medium", "hard", "extra");
      out.sort(java.util.Comparator.comparingInt(g -> order.indexOf(g.key()) < 0 ? 99 : order.indexOf(g.key())));
    }
    return out;
  }

  private static Map<String, Object> runContext(History h, RunRecord r, RunRecord before, Views.RunRow row,
      RunFiles.RunData data, Path siteDir) throws IOException {
    Map<String, Object> ctx = new HashMap<>();
    ctx.put("run", row);
    ctx.put("finished", r.finishedAt() == null ? "" : r.finishedAt().toString());
    ctx.put("bankSha256", r.bankSha256() == null ? "" : r.bankSha256());
    ctx.put("previous", before == null ? null : before.runId());
    ctx.put("previousPage", before == null ? null : "../" + runPage(before.runId()));
    ctx.put("categories", groups(h, r, before, BreakdownRecord.CATEGORY));
    ctx.put("difficulties", groups(h, r, before, BreakdownRecord.DIFFICULTY));
    ChartFile chart = TrendCharts.writeRunChart(h, r.runId(), siteDir);
    ctx.put("chart", chart == null ? null : new ChartFile("../" + chart.path(), chart.title()));
    ctx.put("hasResults", data != null);
    List<Views.Pair> errors = new ArrayList<>();
    List<Views.Pair> latency = new ArrayList<>();
    Map<String, Object> baseline = null;
    List<Views.Failure> failures = new ArrayList<>();
    if (data != null) {
      JsonNode s = data.summary();
      Map<String, Long> counts = new TreeMap<>();
      if (s.path("error_classes").isObject()) {
        s.get("error_classes").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
      } else {
        data.results().stream().filter(q -> q.errorClass() != null)
            .forEach(q -> counts.merge(q.errorClass(), 1L, Long::sum));
      }
      counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> errors.add(new Views.Pair(e.getKey(), Long.toString(e.getValue()))));
      for (String part : List.of("generation", "execution")) {
        JsonNode l = s.path("latency_ms").path(part);
        if (l.isObject()) {
          latency.add(new Views.Pair(part, "p50 " + Fmt.ms(l.path("p50").asDouble(Double.NaN)) + " · p95 "
              + Fmt.ms(l.path("p95").asDouble(Double.NaN)) + " · max " + Fmt.ms(l.path("max").asDouble(Double.NaN))));
        }
      }
      baseline = baseline(s.path("baseline"));
      for (QuestionResult q : data.results()) {
        if (q.failing()) {
          failures.add(new Views.Failure(q.id(), q.question(), q.category(), q.difficulty(),
              q.errorClass() == null ? "" : q.errorClass(), q.message() == null ? "" : q.message(), q.goldSql(),
              q.predictedSql(), q.exStrict(), new Views.Table(q.goldColumns(), q.goldRows()),
              new Views.Table(q.predictedColumns(), q.predictedRows())));
        }
      }
      ctx.put("passing", data.results().size() - failures.size());
    } else {
      ctx.put("passing", 0);
    }
    ctx.put("errors", errors);
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
