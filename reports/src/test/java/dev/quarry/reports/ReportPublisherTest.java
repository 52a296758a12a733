package dev.quarry.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.workspace.InvalidOutputException;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.eval.results.EvalHistory;
import dev.quarry.eval.results.HistoryDb;
import dev.quarry.eval.results.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPublisherTest {

  @TempDir Path ws;

  @Test
  void publishesSiteSummariesAndChartsFromHistory() throws Exception {
    List<String> ids = EvalFixtures.writeRuns(ws, 3);
    ReportPublisher.Result res = ReportPublisher.publish(ws, false, "quarry report");
    Path site = ws.resolve("reports");
    assertThat(res.skipped()).isFalse();
    assertThat(res.runs()).isEqualTo(3);
    assertThat(res.latestRunId()).isEqualTo(ids.get(2));
    Manifests.verify(site);

    String index = Files.readString(site.resolve("index.html"));
    for (String id : ids) {
      assertThat(index).contains("href=\"runs/" + id + ".html\"");
      assertThat(site.resolve("runs/" + id + ".html")).isRegularFile();
    }
    for (String chart : List.of("trend-ex", "trend-test-suite", "trend-category-ex", "trend-category-test-suite")) {
      Path png = site.resolve("charts/" + chart + ".png");
      byte[] b = Files.readAllBytes(png);
      assertThat(b.length).isGreaterThan(5_000);
      assertThat(b[1]).isEqualTo((byte) 'P'); // PNG signature \x89PNG
      assertThat(index).contains("src=\"charts/" + chart + ".png\"");
    }

    // Latest run: 6/8 strict EX (q3, q7 fail); previous: 5/8.
    JsonNode summary = EvalFixtures.JSON.readTree(site.resolve("summary.json").toFile());
    List<EvalFixtures.Q> latest = EvalFixtures.questions(2);
    List<EvalFixtures.Q> prev = EvalFixtures.questions(1);
    assertThat(summary.at("/latest/run_id").asText()).isEqualTo(ids.get(2));
    assertThat(summary.at("/latest/metrics/ex_strict").asDouble()).isEqualTo(EvalFixtures.frac(latest, EvalFixtures.Q::exStrict));
    assertThat(summary.at("/previous/run_id").asText()).isEqualTo(ids.get(1));
    double expectedDelta = Math.round((EvalFixtures.frac(latest, EvalFixtures.Q::testSuite)
        - EvalFixtures.frac(prev, EvalFixtures.Q::testSuite)) * 1000.0) / 10.0;
    assertThat(summary.at("/delta_points/test_suite").asDouble()).isEqualTo(expectedDelta);
    assertThat(summary.at("/by_category_delta_points/grades/ex_strict").asDouble()).isEqualTo(20.0);
    assertThat(summary.at("/latest/error_classes/parse_error").asInt()).isEqualTo(1);
    assertThat(summary.at("/latest/gate").asText()).isEqualTo("pass");

    String md = Files.readString(site.resolve("summary.md"));
    assertThat(md).startsWith("## Quarry evaluation: " + ids.get(2) + "\n\nModel ")
        .contains("| EX (strict) | 75.0% | 62.5% | +12.5 pts |")
        .contains("| grades | 5 | 80.0% | +20.0 pts |")
        .contains("Regression gate: **PASS**");

    // Failing questions of the latest run: q3 and q7 only, with escaped question text and both results.
    String page = Files.readString(site.resolve("runs/" + ids.get(2) + ".html"));
    assertThat(page).contains("id=\"q-q3\"").contains("id=\"q-q7\"").doesNotContain("id=\"q-q2\"")
        .doesNotContain("<script>").contains("&lt;script&gt;")
        .contains("WHERE grade = &#39;q3&#39;").contains("WHERE grade &lt;&gt; &#39;q3&#39;")
        .contains("(no prediction)").contains("<td>9999</td>").contains("<td>NULL</td>")
        .contains("id=\"by-category\"").contains("id=\"by-difficulty\"").contains("parse_error")
        .contains("id=\"failure-classes\"").contains("<tr><td>invalid_sql</td><td class=\"num\">2</td></tr>");
    // The first run also fails q5 on test-suite while EX matched.
    String first = Files.readString(site.resolve("runs/" + ids.get(0) + ".html"));
    assertThat(first).contains("id=\"q-q5\"").contains("EX ok, test-suite failed");
  }

  @Test
  void trendsAndDeltasCompareRunsOnTheSameBankOnly() throws Exception {
    String bankA = "a".repeat(64);
    String bankB = "b".repeat(64);
    List<EvalFixtures.Q> allPass = EvalFixtures.questions(2).stream()
        .map(q -> new EvalFixtures.Q(q.id(), q.category(), q.difficulty(), true, true, null)).toList();
    List<String> ids = EvalFixtures.writeRuns(ws, List.of(
        new EvalFixtures.Run(1, "djl", bankA, EvalFixtures.questions(0)), // 4/8 strict
        new EvalFixtures.Run(2, "djl", bankB, EvalFixtures.questions(2)), // 6/8, another bank
        new EvalFixtures.Run(3, "djl", bankA, EvalFixtures.questions(1)), // 5/8
        new EvalFixtures.Run(4, "gold", bankA, allPass))); // 8/8
    ReportPublisher.publish(ws, false, "quarry report");
    Path site = ws.resolve("reports");

    // Runs table: a bank column; each Δ against the previous run on the same bank (none for bank B's only run).
    String index = Files.readString(site.resolve("index.html"));
    assertThat(index).contains("<th>Bank</th>")
        .contains("<code title=\"" + bankA + "\">aaaaaaaaaaaa</code>")
        .contains("<code title=\"" + bankB + "\">bbbbbbbbbbbb</code>");
    assertThat(row(index, ids.get(1))).doesNotContain("pts");
    assertThat(row(index, ids.get(2))).contains("+12.5 pts").doesNotContain("-12.5 pts");
    assertThat(row(index, ids.get(3))).contains("+37.5 pts");
    String page = Files.readString(site.resolve("runs/" + ids.get(2) + ".html"));
    assertThat(page).contains("Previous run on this bank").contains("href=\"../runs/" + ids.get(0) + ".html\"");

    // summary.json: the latest run (gold on bank A) against the previous run on bank A, not bank B's.
    JsonNode summary = EvalFixtures.JSON.readTree(site.resolve("summary.json").toFile());
    assertThat(summary.at("/latest/bank_sha256").asText()).isEqualTo(bankA);
    assertThat(summary.at("/previous/run_id").asText()).isEqualTo(ids.get(2));
    assertThat(summary.at("/delta_points/ex_strict").asDouble()).isEqualTo(37.5);

    // One trend line per bank and model, each holding only its own runs.
    EvalHistory history = HistoryDb.inWorkspace(ws).read();
    Map<String, List<TrendCharts.Point>> lines = TrendCharts.lines(history, Metrics::exStrict);
    assertThat(lines.keySet()).containsExactly("djl · bank aaaaaaaaaaaa", "djl · bank bbbbbbbbbbbb",
        "gold · bank aaaaaaaaaaaa");
    assertThat(lines.get("djl · bank aaaaaaaaaaaa")).extracting(TrendCharts.Point::runId)
        .containsExactly(ids.get(0), ids.get(2));
    assertThat(lines.get("djl · bank aaaaaaaaaaaa")).extracting(TrendCharts.Point::percent)
        .containsExactly(50.0, 62.5);
    assertThat(lines.get("djl · bank bbbbbbbbbbbb")).extracting(TrendCharts.Point::runId).containsExactly(ids.get(1));
    assertThat(lines.get("gold · bank aaaaaaaaaaaa")).extracting(TrendCharts.Point::percent).containsExactly(100.0);
    assertThat(site.resolve("charts/trend-ex.png")).isRegularFile();
  }

  /** The runs-table row of {@code runId} in index.html. */
  private static String row(String index, String runId) {
    int start = index.indexOf("<tr><td><a href=\"runs/" + runId + ".html\">");
    assertThat(start).as("row of %s", runId).isNotNegative();
    return index.substring(start, index.indexOf("</tr>", start));
  }

  @Test
  void skipsWhenUpToDateAndRedoesWhenHistoryGrows() throws Exception {
    EvalFixtures.writeRuns(ws, 1);
    assertThat(ReportPublisher.publish(ws, false, "r").skipped()).isFalse();
    assertThat(ReportPublisher.publish(ws, false, "r").skipped()).isTrue();
    assertThat(ReportPublisher.publish(ws, true, "r").skipped()).isFalse();
    String md = Files.readString(ws.resolve("reports/summary.md"));
    assertThat(md).doesNotContain("Previous");
  }

  @Test
  void tamperedRunAndMissingHistoryAreClearErrors() throws Exception {
    assertThatThrownBy(() -> ReportPublisher.publish(ws, false, "r"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("history.duckdb");
    List<String> ids = EvalFixtures.writeRuns(ws, 2);
    Files.writeString(ws.resolve("evals/" + ids.get(0) + "/results.jsonl"), "{}\n");
    assertThatThrownBy(() -> ReportPublisher.publish(ws, false, "r"))
        .isInstanceOf(InvalidOutputException.class).hasMessageContaining(ids.get(0));
    assertThat(ws.resolve("reports")).doesNotExist();
  }
}
