package dev.quarry.reports;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;

/**
 * Renders the report's charts to PNG with XChart ({@code BitmapEncoder}); runs headless
 * ({@code java.awt.headless=true} is set before the first chart).
 *
 * <p>Trend charts have one point per run, oldest first; the y axis is accuracy in percent (0–100). A
 * category missing from a run leaves a gap in that category's line.
 */
public final class TrendCharts {

  /** Chart width in pixels. */
  public static final int WIDTH = 900;
  /** Chart height in pixels. */
  public static final int HEIGHT = 420;

  private TrendCharts() {}

  /**
   * Writes the trend charts into {@code siteDir/charts/}: overall EX (strict, lenient) and test-suite
   * accuracy, then per-category EX (strict) and per-category test-suite accuracy.
   *
   * @return the charts written, in page order
   * @throws IOException if a PNG cannot be written
   */
  public static List<ChartFile> writeTrends(History history, Path siteDir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<RunRecord> runs = history.runs();
    List<String> labels = runLabels(runs);
    List<ChartFile> out = new ArrayList<>();

    CategoryChart overall = lineChart("Accuracy over runs (overall)");
    addSeries(overall, "EX (strict)", labels, runs, RunRecord::exStrict);
    addSeries(overall, "EX (lenient)", labels, runs, RunRecord::exLenient);
    addSeries(overall, "Test-suite", labels, runs, RunRecord::testSuite);
    out.add(write(overall, siteDir, "charts/trend-overall.png"));

    TreeSet<String> categories = new TreeSet<>();
    history.breakdowns().values().forEach(l -> l.stream()
        .filter(b -> b.scope().equals(BreakdownRecord.CATEGORY)).forEach(b -> categories.add(b.key())));
    if (!categories.isEmpty()) {
      CategoryChart ex = lineChart("EX (strict) by category");
      CategoryChart ts = lineChart("Test-suite accuracy by category");
      for (String cat : categories) {
        List<Double> exY = new ArrayList<>();
        List<Double> tsY = new ArrayList<>();
        for (RunRecord r : runs) {
          BreakdownRecord b = history.breakdown(r.runId(), BreakdownRecord.CATEGORY).stream()
              .filter(x -> x.key().equals(cat)).findFirst().orElse(null);
          exY.add(b == null ? null : pct(b.exStrict()));
          tsY.add(b == null ? null : pct(b.testSuite()));
        }
        ex.addSeries(cat, labels, exY);
        ts.addSeries(cat, labels, tsY);
      }
      out.add(write(ex, siteDir, "charts/trend-category-ex.png"));
      out.add(write(ts, siteDir, "charts/trend-category-test-suite.png"));
    }
    return out;
  }

  /**
   * Writes one run's per-category bar chart (EX strict and test-suite) as {@code charts/run-<runId>.png}.
   *
   * @return the chart, or null when the run has no category breakdown
   * @throws IOException if the PNG cannot be written
   */
  public static ChartFile writeRunChart(History history, String runId, Path siteDir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<BreakdownRecord> cats = history.breakdown(runId, BreakdownRecord.CATEGORY);
    if (cats.isEmpty()) {
      return null;
    }
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Accuracy by category").xAxisTitle("Category").yAxisTitle("Accuracy (%)").build();
    style(c);
    c.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Bar);
    List<String> x = cats.stream().map(BreakdownRecord::key).toList();
    c.addSeries("EX (strict)", x, cats.stream().map(b -> pct(b.exStrict())).toList());
    c.addSeries("Test-suite", x, cats.stream().map(b -> pct(b.testSuite())).toList());
    return write(c, siteDir, "charts/run-" + runId + ".png");
  }

  /** X-axis labels: {@code #<n> <MM-dd HH:mm>} from the run's start (UTC), unique per run. */
  static List<String> runLabels(List<RunRecord> runs) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      RunRecord r = runs.get(i);
      String when = r.startedAt() == null ? r.runId() : r.startedAt().toString().substring(5, 16).replace('T', ' ');
      labels.add("#" + (i + 1) + " " + when);
    }
    return labels;
  }

  private static CategoryChart lineChart(String title) {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title(title).xAxisTitle("Run").yAxisTitle("Accuracy (%)").build();
    style(c);
    c.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
    c.getStyler().setXAxisLabelRotation(30);
    return c;
  }

  private static void style(CategoryChart c) {
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(100.0);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setYAxisDecimalPattern("0");
  }

  private static void addSeries(CategoryChart c, String name, List<String> labels, List<RunRecord> runs,
      ToDoubleFunction<RunRecord> metric) {
    List<Double> y = new ArrayList<>();
    runs.forEach(r -> y.add(pct(metric.applyAsDouble(r))));
    c.addSeries(name, labels, y);
  }

  private static Double pct(double fraction) {
    return Double.isNaN(fraction) ? null : Math.round(fraction * 1000.0) / 10.0;
  }

  private static ChartFile write(CategoryChart chart, Path siteDir, String rel) throws IOException {
    Path f = siteDir.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.write(f, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    return new ChartFile(rel, chart.getTitle());
  }
}
