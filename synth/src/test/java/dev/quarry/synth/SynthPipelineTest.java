package dev.quarry.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.core.workspace.Sha256;
import dev.quarry.synth.generate.FakeSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synth pipeline end to end on a small fake seed dataset, on the Direct runner. */
class SynthPipelineTest {

  @TempDir static Path tmp;
  static Path seed;
  static Path out1;
  static SynthResult result;

  static SynthOptions options(Path out) {
    SynthOptions o = PipelineOptionsFactory.as(SynthOptions.class);
    o.setRunner(DirectRunner.class);
    o.setSeedDir(seed.toString());
    o.setOutputDir(out.toString());
    o.setSamplesPerTemplate(6);
    o.setPairsPerShard(400);
    return o;
  }

  @BeforeAll
  static void runOnce() throws Exception {
    seed = FakeSeed.write(Files.createDirectories(tmp.resolve("seed")));
    out1 = Files.createDirectories(tmp.resolve("out1"));
    result = SynthPipeline.run(options(out1));
  }

  @Test
  void writesShardsInBothFormatsAndCountsThem() throws Exception {
    ObjectNode c = result.counts();
    assertThat(c.get("kept_pairs").asLong()).isGreaterThan(300);
    assertThat(c.get("candidates").asLong()).isGreaterThan(c.get("distinct_sql").asLong() - 1);
    assertThat(c.get("kept_by_split").get("train").asLong()).isGreaterThan(c.get("kept_by_split").get("test").asLong());
    assertThat(c.get("kept_by_hardness").size()).isGreaterThanOrEqualTo(3);
    assertThat(c.get("kept_by_family").size()).isGreaterThanOrEqualTo(10);
    long jsonlRows = result.rowsByFile().entrySet().stream()
        .filter(e -> e.getKey().endsWith(".jsonl") && e.getKey().startsWith("jsonl/")).mapToLong(Map.Entry::getValue).sum();
    assertThat(jsonlRows).isEqualTo(c.get("kept_pairs").asLong());
    assertThat(out1.resolve("jsonl/train")).isDirectoryContaining(p -> p.getFileName().toString().matches("part-\\d{5}-of-\\d{5}\\.jsonl"));
    assertThat(out1.resolve("parquet/train")).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".parquet"));
  }

  @Test
  void chatRecordsCarryTheSchemaPromptQuestionAndSql() throws Exception {
    Path shard;
    try (Stream<Path> s = Files.list(out1.resolve("jsonl/train"))) {
      shard = s.sorted().findFirst().orElseThrow();
    }
    JsonNode rec = new ObjectMapper().readTree(Files.readAllLines(shard).get(0));
    JsonNode m = rec.get("messages");
    assertThat(m).hasSize(3);
    assertThat(m.get(0).get("role").asText()).isEqualTo("system");
    assertThat(m.get(0).get("content").asText()).contains("CREATE TABLE grades (student_id INTEGER");
    assertThat(m.get(1).get("role").asText()).isEqualTo("user");
    assertThat(m.get(2).get("role").asText()).isEqualTo("assistant");
    assertThat(m.get(2).get("content").asText()).startsWith("SELECT");
    JsonNode info = new ObjectMapper().readTree(out1.resolve("dataset_info.json").toFile());
    assertThat(info.get("quarry_education_train").get("file_name").asText()).isEqualTo("jsonl/train");
    assertThat(info.get("quarry_education_train").get("formatting").asText()).isEqualTo("sharegpt");
  }

  @Test
  void everyKeptSqlExecutesWithItsRecordedResultAndNoSqlCrossesSplits() throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT sql, split, result_fingerprint, question FROM read_parquet('"
            + out1.resolve("parquet") + "/*/*.parquet')")) {
      while (rs.next()) {
        rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
      }
    }
    Map<String, String> splitOfSql = new HashMap<>();
    Map<String, String> sqlOfQuestion = new HashMap<>();
    for (String[] r : rows) {
      assertThat(splitOfSql.merge(r[0], r[1], (a, b) -> a.equals(b) ? a : "CROSSED")).isNotEqualTo("CROSSED");
      assertThat(sqlOfQuestion.put(TextNormalizer.question(r[3]), r[0])).isNull();
    }
    try (SqlSandbox box = SqlSandbox.open(DomainLoader.load("education"), seed, SandboxSettings.defaults())) {
      for (String[] r : rows.subList(0, Math.min(150, rows.size()))) {
        var o = box.execute(r[0]);
        assertThat(o.isOk()).as(r[0]).isTrue();
        assertThat(o.rowCount()).isPositive();
        assertThat(o.fingerprint()).isEqualTo(r[2]);
      }
    }
  }

  @Test
  void rejectsAreWrittenWithReasons() throws Exception {
    List<String> lines = Files.readAllLines(out1.resolve(WriteRejects.PATH));
    assertThat(lines).isNotEmpty();
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.has("reason")).isTrue();
    assertThat(first.has("step")).isTrue();
    long total = 0;
    for (var e : (Iterable<Map.Entry<String, JsonNode>>) () -> result.counts().get("dropped_by_reason").fields()) {
      total += e.getValue().asLong();
    }
    assertThat(total).isEqualTo(lines.size());
  }

  @Test
  void sameSeedGivesByteIdenticalShards() throws Exception {
    Path out2 = Files.createDirectories(tmp.resolve("out2"));
    SynthPipeline.run(options(out2));
    assertThat(hashes(out2)).isEqualTo(hashes(out1));
  }

  static Map<String, String> hashes(Path dir) throws Exception {
    Map<String, String> h = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        h.put(dir.relativize(f).toString(), Sha256.ofFile(f));
      }
    }
    return h;
  }
}
