package dev.quarry.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the generated site in headless Chromium (Debian package {@code chromium}) served by an in-process
 * HTTP server on 127.0.0.1: every request (page, CSS, chart PNGs) must succeed, the DOM must hold the charts'
 * images and the tables, and a screenshot must be non-trivial. Skipped when /usr/bin/chromium is absent.
 */
class ChromiumSiteTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path ws;
  @TempDir Path browserHome;

  @Test
  void siteLoadsInHeadlessChromiumWithChartsAndTables() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed (apt-get install -y chromium)");
    List<String> ids = EvalFixtures.writeRuns(ws, 3);
    ReportPublisher.publish(ws, false, "quarry report");
    Path site = ws.resolve("reports");

    List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      Path f = site.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
      boolean ok = f.startsWith(site) && Files.isRegularFile(f);
      requests.add(ex.getRequestURI().getPath() + " " + (ok ? 200 : 404));
      byte[] body = ok ? Files.readAllBytes(f) : "not found".getBytes(StandardCharsets.UTF_8);
      String name = f.getFileName().toString();
      ex.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
          : name.endsWith(".css") ? "text/css" : name.endsWith(".png") ? "image/png" : "application/octet-stream");
      ex.sendResponseHeaders(ok ? 200 : 404, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      String index = chromium("--dump-dom", base + "index.html");
      assertThat(count(index, "<img class=\"chart\"")).isEqualTo(4);
      assertThat(index).contains("<table id=\"runs\">");
      assertThat(count(index, "href=\"runs/")).isGreaterThanOrEqualTo(3);

      String run = chromium("--dump-dom", base + "runs/" + ids.get(2) + ".html");
      assertThat(run).contains("id=\"by-category\"").contains("id=\"by-difficulty\"").contains("id=\"errors\"")
          .contains("class=\"result gold\"").contains("class=\"result predicted\"");
      assertThat(count(run, "<img class=\"chart\"")).isEqualTo(1);

      Path shot = browserHome.resolve("index.png");
      chromium("--screenshot=" + shot, "--window-size=1280,1600", base + "index.html");
      assertThat(Files.size(shot)).isGreaterThan(20_000);

      assertThat(requests).filteredOn(r -> !r.endsWith(" 200")).isEmpty();
      assertThat(requests).contains("/style.css 200", "/charts/trend-ex.png 200", "/charts/trend-test-suite.png 200",
          "/charts/trend-category-ex.png 200", "/charts/trend-category-test-suite.png 200",
          "/charts/run-" + ids.get(2) + ".png 200");
    } finally {
      server.stop(0);
    }
  }

  private String chromium(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + browserHome.resolve("profile")));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(browserHome, "stdout", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(p.exitValue()).as("chromium exit code").isZero();
    return Files.readString(out);
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
