package dev.quarry.reports;

import dev.quarry.eval.results.EvalHistory;
import dev.quarry.eval.results.HistoryDb;
import dev.quarry.eval.results.Metrics;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Renders the report's charts to PNG with XChart ({@code BitmapEncoder}); runs headless
 * ({@code java.awt.headless=true} is set before the first chart).
 *
 * <p>Only comparable runs share a line ({@link EvalHistory#comparable}): the trend charts over time have one
 * line per bank and model ({@link EvalHistory.Series}), a point per run at its start time (UTC); the
 * per-category trends follow the latest run's bank and model, one line per category (a category missing from a
 * run leaves a gap). The y axis is accuracy in percent (0–100).
 */
public final class TrendCharts {

  /** Chart width in pixels. */
  public static final int WIDTH = 900;
  /** Chart height in pixels. */
  public static final int HEIGHT = 420;

  private TrendCharts() {}

  /**
   * Writes the trend charts into {@code siteDir/charts/}: EX (strict) and test-suite accuracy over time, one
   * line per bank and model; then, for the latest run's bank and model, EX (strict) and test-suite accuracy by
   * category.
   *
   * @return the charts written, in page order
   * @throws IOException if a PNG cannot be written
   */
  public static List<ChartFile> writeTrends(EvalHistory history, Path siteDir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<ChartFile> out = new ArrayList<>();
    Map<String, List<Point>> ex = lines(history, Metrics::exStrict);
    out.add(write(timeChart("EX (strict) over time, one line per bank and model", ex), siteDir,
        "charts/trend-ex.png"));
    out.add(write(timeChart("Test-suite accuracy over time, one line per bank and model",
        lines(history, Metrics::testSuite)), siteDir, "charts/trend-test-suite.png"));

    HistoryDb.RunRow latest = history.latest().orElseThrow();
    List<HistoryDb.RunRow> runs = history.series().get(EvalHistory.Series.of(latest));
    TreeSet<String> categories = new TreeSet<>();
    runs.forEach(r -> history.breakdown(r.runId(), HistoryDb.CATEGORY).forEach(b -> categories.add(b.key())));
    if (!categories.isEmpty()) {
      String of = ": " + seriesName(EvalHistory.Series.of(latest));
      List<String> labels = runLabels(runs);
      CategoryChart exChart = lineChart("EX (strict) by category" + of);
      CategoryChart tsChart = lineChart("Test-suite accuracy by category" + of);
      for (String cat : categories) {
        List<Double> exY = new ArrayList<>();
        List<Double> tsY = new ArrayList<>();
        for (HistoryDb.RunRow r : runs) {
          HistoryDb.BreakdownRow b = history.breakdown(r.runId(), HistoryDb.CATEGORY).stream()
              .filter(x -> x.key().equals(cat)).findFirst().orElse(null);
          exY.add(b == null ? null : pct(b.exStrict()));
          tsY.add(b == null ? null : pct(b.testSuite()));
        }
        exChart.addSeries(cat, labels, exY);
        tsChart.addSeries(cat, labels, tsY);
      }
      out.add(write(exChart, siteDir, "charts/trend-category-ex.png"));
      out.add(write(tsChart, siteDir, "charts/trend-category-test-suite.png"));
    }
    return out;
  }

  /**
   * One run on a trend line.
   *
   * @param runId run id
   * @param startedAt start (UTC)
   * @param percent the metric in percent, or null when unknown
   */
  record Point(String runId, Date startedAt, Double percent) {}

  /** The trend lines of {@code metric}: per series name, its runs (with a start time) oldest first. */
  static Map<String, List<Point>> lines(EvalHistory history, ToDoubleFunction<Metrics> metric) {
    Map<String, List<Point>> out = new LinkedHashMap<>();
    history.series().forEach((s, runs) -> {
      List<Point> points = new ArrayList<>();
      for (HistoryDb.RunRow r : runs) {
        if (r.startedAt() != null) {
          points.add(new Point(r.runId(), Date.from(r.startedAt()), pct(metric.applyAsDouble(r.metrics()))));
        }
      }
      if (!points.isEmpty()) {
        out.put(seriesName(s), points);
      }
    });
    return out;
  }

  /** A line's legend: {@code <model id> · bank <first hex digits of its SHA-256>}. */
  static String seriesName(EvalHistory.Series s) {
    return s.modelId() + " · bank " + SiteWriter.bank(s.bankSha256());
  }

  /**
   * Writes one run's per-category bar chart (EX strict and test-suite) as {@code charts/run-<runId>.png}.
   *
   * @return the chart, or null when the run has no category breakdown
   * @throws IOException if the PNG cannot be written
   */
  public static ChartFile writeRunChart(EvalHistory history, String runId, Path siteDir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<HistoryDb.BreakdownRow> cats = history.breakdown(runId, HistoryDb.CATEGORY);
    if (cats.isEmpty()) {
      return null;
    }
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Accuracy by category").xAxisTitle("Category").yAxisTitle("Accuracy (%)").build();
    style(c.getStyler());
    c.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Bar);
    List<String> x = cats.stream().map(HistoryDb.BreakdownRow::key).toList();
    c.addSeries("EX (strict)", x, cats.stream().map(b -> pct(b.exStrict())).toList());
    c.addSeries("Test-suite", x, cats.stream().map(b -> pct(b.testSuite())).toList());
    return write(c, siteDir, "charts/run-" + runId + ".png");
  }

  /** X-axis labels: {@code #<n> <MM-dd HH:mm>} from the run's start (UTC), unique per run. */
  static List<String> runLabels(List<HistoryDb.RunRow> runs) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      HistoryDb.RunRow r = runs.get(i);
      String when = r.startedAt() == null ? r.runId() : r.startedAt().toString().substring(5, 16).replace('T', ' ');
      labels.add("#" + (i + 1) + " " + when);
    }
    return labels;
  }

  private static XYChart timeChart(String title, Map<String, List<Point>> lines) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(title).xAxisTitle("Run start (UTC)").yAxisTitle("Accuracy (%)").build();
    style(c.getStyler());
    c.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
    c.getStyler().setDatePattern("MM-dd HH:mm");
    c.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
    c.getStyler().setLocale(Locale.ROOT);
    c.getStyler().setXAxisLabelRotation(30);
    lines.forEach((name, points) -> c.addSeries(name, points.stream().map(Point::startedAt).toList(),
        points.stream().map(Point::percent).toList()));
    return c;
  }

  private static CategoryChart lineChart(String title) {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title(title).xAxisTitle("Run").yAxisTitle("Accuracy (%)").build();
    style(c.getStyler());
    c.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
    c.getStyler().setXAxisLabelRotation(30);
    return c;
  }

  private static void style(AxesChartStyler s) {
    s.setYAxisMin(0.0);
    s.setYAxisMax(100.0);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setYAxisDecimalPattern("0");
  }

  private static Double pct(double fraction) {
    return Double.isNaN(fraction) ? null : Math.round(fraction * 1000.0) / 10.0;
  }

  private static ChartFile write(Chart<?, ?> chart, Path siteDir, String rel) throws IOException {
    Path f = siteDir.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.write(f, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    return new ChartFile(rel, chart.getTitle());
  }
}
