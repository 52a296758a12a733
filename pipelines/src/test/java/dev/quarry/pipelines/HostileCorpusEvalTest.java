package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.sql.ProcessMemory;
import dev.quarry.core.text.Utf8Lines;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.eval.results.EvalError;
import dev.quarry.eval.results.HistoryDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed hostile corpus ({@code src/test/resources/hostile/predictions.jsonl}: 251 predictions covering
 * the issue's run-aborting answers, statements DuckDB cannot cancel, cross-join and recursion bombs, DDL/DML,
 * ATTACH, COPY, EXPORT, PRAGMA, SET, INSTALL/LOAD, file readers, catalogue functions, stacked statements, comment
 * and Unicode tricks, lone surrogates, raw invalid UTF-8 bytes, CTEs with DML and plain garbage) replayed in ONE
 * {@code quarry eval} run in a child JVM, with a 1 s query timeout. The run completes and writes its results,
 * summary and history row; every prediction has an error class; no seed byte changes; no file appears outside
 * the run's folder (nor in the JVM's temporary folder, its working folder, or at the paths the corpus attacks);
 * it takes less than predictions × timeout + 60 s; the eval JVM's resident memory stays within 2 GB of its
 * first reading. About 1–2 minutes on the 2-core development machine.
 */
class HostileCorpusEvalTest {

  private static final long TIMEOUT_MS = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void oneEvalOverTheHostileCorpusCompletesAndEveryPredictionIsOneQuestionsError(@TempDir Path root) throws Exception {
    Path ws = root.resolve("ws");
    Path javaTmp = Files.createDirectories(root.resolve("java-tmp"));
    Path cwd = Files.createDirectories(root.resolve("cwd"));
    Path corpus = Path.of(HostileCorpusEvalTest.class.getResource("/hostile/predictions.jsonl").toURI());
    assertThat(QuarryCli.execute("seed", "--workspace", ws.toString())).isZero();
    Path seed = ws.resolve("seed/education-s42-x1");

    // a bank with one question per corpus line, same id and category
    List<Utf8Lines.Line> lines = Utf8Lines.split(Files.readAllBytes(corpus));
    List<String> bank = new ArrayList<>();
    Map<String, String> category = new HashMap<>();
    for (Utf8Lines.Line l : lines) {
      JsonNode n = JSON.readTree(l.text());
      String id = n.get("id").asText();
      category.put(id, n.get("category").asText());
      ObjectNode q = JSON.createObjectNode();
      q.put("id", id);
      q.put("question", "hostile prediction " + id);
      q.put("gold_sql", "SELECT count(*) AS n FROM students WHERE grade_level >= 0");
      q.put("category", n.get("category").asText());
      q.put("difficulty", "easy");
      bank.add(JSON.writeValueAsString(q));
    }
    int n = bank.size();
    assertThat(n).isGreaterThanOrEqualTo(200);
    assertThat(lines).filteredOn(l -> !l.valid()).hasSizeGreaterThanOrEqualTo(5);
    Path bankFile = root.resolve("hostile-bank.jsonl");
    Files.write(bankFile, bank);

    Map<String, String> seedBefore = sha256s(seed);
    Map<String, String> wsBefore = files(ws);
    List<String> tmpBefore = hostileTargets();

    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
        "-Djava.io.tmpdir=" + javaTmp, "-cp", classPath(), QuarryCli.class.getName(), "eval",
        "--workspace", ws.toString(), "--model", "replay:" + corpus, "--bank", bankFile.toString(), "--test-suite", "0",
        "--query-timeout-ms", Long.toString(TIMEOUT_MS));
    Path log = root.resolve("eval.log");
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    long first = -1;
    long peak = 0;
    long limitNanos = TimeUnit.MILLISECONDS.toNanos(n * TIMEOUT_MS + 60_000);
    while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
      long rss = ProcessMemory.rssBytes(p.pid());
      if (rss > 0) {
        first = first < 0 ? rss : first;
        peak = Math.max(peak, rss);
      }
      if (System.nanoTime() - t0 > limitNanos + TimeUnit.SECONDS.toNanos(60)) {
        p.destroyForcibly();
        break;
      }
    }
    long elapsed = System.nanoTime() - t0;
    String out = Files.readString(log);
    System.out.printf("hostile corpus: %d predictions in %.1f s (limit %d s); eval JVM RSS first %d MiB, peak %d MiB%n",
        n, elapsed / 1e9, limitNanos / 1_000_000_000L, first >> 20, peak >> 20);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(elapsed).as("wall time").isLessThan(limitNanos);
    assertThat(peak - first).as("eval JVM resident memory above its first reading").isLessThan(2L << 30);

    // results, summary, history row
    Path runDir;
    try (Stream<Path> s = Files.list(ws.resolve("evals"))) {
      runDir = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    byte[] resultBytes = Files.readAllBytes(runDir.resolve("results.jsonl"));
    List<String> results = Utf8Lines.strict(resultBytes, "results.jsonl");
    assertThat(results).hasSize(n);
    Map<String, JsonNode> byId = new TreeMap<>();
    for (String r : results) {
      JsonNode j = JSON.readTree(r);
      byId.put(j.get("id").asText(), j);
    }
    Map<String, Integer> classes = new TreeMap<>();
    for (JsonNode j : byId.values()) {
      String id = j.get("id").asText();
      assertThat(j.get("ex_strict").asBoolean()).as(brief(j)).isFalse();
      assertThat(j.get("error_class").asText()).as(brief(j)).isIn(java.util.Arrays.stream(EvalError.values()).map(EvalError::id).toList());
      classes.merge(category.get(id) + " → " + j.get("error_class").asText(), 1, Integer::sum);
    }
    System.out.println("category → error class: " + classes);
    byId.values().stream().filter(j -> j.path("valid_sql").asBoolean())
        .forEach(j -> {
          String rows = j.path("predicted_rows").toString();
          System.out.println("ran: " + brief(j) + " → " + (rows.length() > 100 ? rows.substring(0, 100) + "…" : rows));
        });
    for (JsonNode j : byId.values()) {
      String c = category.get(j.get("id").asText());
      String e = j.get("error_class").asText();
      switch (c) {
        case "deep" -> assertThat(e).as(brief(j)).isIn("too_complex", "parse_error", "wrong_result", "timeout");
        case "ddl_dml", "statement", "cte_dml" -> assertThat(e).as(brief(j)).isIn("unsafe", "parse_error",
            "unknown_table", "no_prediction");
        case "file_reader" -> assertThat(e).as(brief(j)).isIn("unsafe", "parse_error", "unknown_table",
            "runtime_error");
        case "catalogue" -> assertThat(e).as(brief(j)).isIn("unsafe", "parse_error", "unknown_table", "runtime_error",
            "wrong_result"); // version(), current_database() are plain scalar functions
        case "invalid_utf8" -> {
          assertThat(e).isEqualTo("no_prediction");
          assertThat(j.get("message").asText()).contains(corpus.getFileName().toString()).containsPattern("line \\d+")
              .contains("invalid UTF-8");
        }
        default -> { }
      }
    }
    JsonNode summary = JSON.readTree(runDir.resolve("summary.json").toFile());
    assertThat(summary.at("/metrics/n").asInt()).isEqualTo(n);
    assertThat(new HistoryDb(ws.resolve("evals").resolve(HistoryDb.FILE_NAME)).find("last", summary.at("/bank/sha256")
        .asText())).hasValueSatisfying(r -> assertThat(r.runId()).isEqualTo(runDir.getFileName().toString()));

    // nothing changed or appeared outside the run's folder
    Manifests.verify(seed);
    assertThat(sha256s(seed)).isEqualTo(seedBefore);
    Map<String, String> wsAfter = files(ws);
    String runPrefix = ws.relativize(runDir) + "/";
    List<String> changed = new ArrayList<>();
    wsAfter.forEach((f, stamp) -> {
      if (!stamp.equals(wsBefore.get(f)) && !f.startsWith(runPrefix) && !f.startsWith("evals/" + HistoryDb.FILE_NAME)) {
        changed.add(f);
      }
    });
    assertThat(changed).as("files written outside " + runPrefix).isEmpty();
    try (Stream<Path> s = Files.list(javaTmp)) {
      assertThat(s).as("the eval JVM's temporary folder").isEmpty();
    }
    try (Stream<Path> s = Files.list(cwd)) {
      assertThat(s).as("the eval JVM's working folder").isEmpty();
    }
    assertThat(hostileTargets()).isEqualTo(tmpBefore);
  }

  /** Id, error class, message and the start of the SQL of one result line, for assertion messages. */
  private static String brief(JsonNode j) {
    String sql = j.path("predicted_sql").asText();
    return j.path("id").asText() + " " + j.path("error_class").asText() + " " + j.path("message").asText() + " | "
        + (sql.length() > 120 ? sql.substring(0, 120) + "…" : sql);
  }

  /** This JVM's class path with absolute entries (the child runs in another folder). */
  static String classPath() {
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.add(Path.of(e).toAbsolutePath().toString());
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /** Relative path → SHA-256 of every file under {@code root}. */
  static Map<String, String> sha256s(Path root) throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        m.put(root.relativize(f).toString(), dev.quarry.core.workspace.Sha256.ofFile(f));
      }
    }
    return m;
  }

  /** Relative path → size and modification time of every file under {@code root}. */
  private static Map<String, String> files(Path root) throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        m.put(root.relativize(f).toString(), Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis());
      }
    }
    return m;
  }

  /** Entries of /tmp named like the paths the corpus tries to write ({@code /tmp/quarry-hostile*}). */
  private static List<String> hostileTargets() throws Exception {
    try (Stream<Path> s = Files.list(Path.of("/tmp"))) {
      return s.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("quarry-hostile")).sorted().toList();
    }
  }
}
