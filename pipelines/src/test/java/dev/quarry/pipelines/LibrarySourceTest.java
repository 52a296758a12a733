package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.pipelines.library.LibraryDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed public library database ({@code data/sources/library/library.sql}), a second hand-built source
 * besides the shop fixture: it is what {@link LibraryDatabase} generates, it loads unchanged into SQLite and into a
 * real PostgreSQL server with {@code data/sources/library/LoadSql.java} (the loader documented for machines without
 * {@code sqlite3}/{@code psql}), and {@code domain init}, {@code seed} and {@code synth} through the command line give
 * the same domain draft (but for the recorded source) and byte-identical seed snapshots and dataset shards from
 * both.
 */
class LibrarySourceTest {

  private static final Path DIR = root().resolve("data/sources/library");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Synth's value samples per SQL template: 3 instead of the default 120 keeps the test under a minute on two cores
   * (the default takes about three minutes per source). The comparison loses nothing: synth reads only the domain
   * file and the seed snapshot, and both are compared in full.
   */
  private static final String SAMPLES_PER_TEMPLATE = "3";

  @TempDir Path dir;

  private static Path root() {
    return Files.isDirectory(Path.of("..", "data")) ? Path.of("..") : Path.of(".");
  }

  @Test
  void theCommittedScriptIsWhatTheGeneratorWrites() throws Exception {
    String committed = Files.readString(DIR.resolve("library.sql"), StandardCharsets.UTF_8);
    assertThat(LibraryDatabase.script(LibraryDatabase.SEED))
        .as("data/sources/library/library.sql is stale: regenerate it with LibraryDatabase.main")
        .isEqualTo(committed);
    assertThat(Files.size(DIR.resolve("library.sql"))).isLessThan(2_000_000);
    assertThat(LibraryDatabase.script(7)).isNotEqualTo(committed); // the seed matters
  }

  @Test
  void sqliteAndPostgresGiveTheSameDraftSnapshotAndDataset() throws Exception {
    Path db = dir.resolve("library.db");
    load("jdbc:sqlite:" + db);
    Map<String, Long> sqliteRows = rowCounts("jdbc:sqlite:" + db);
    assertThat(sqliteRows).containsEntry("branches", 8L).containsEntry("members", 600L)
        .containsEntry("titles", 420L).containsEntry("loans", 4800L);
    assertThat(sqliteRows.values().stream().mapToLong(Long::longValue).sum()).isBetween(6000L, 9000L);

    Path fromSqlite = stages("sqlite:" + db, "a");
    Path fromPg;
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String user = System.getenv().getOrDefault("PGUSER", System.getProperty("user.name"));
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE library");
        if (!user.equals("postgres")) {
          st.execute("CREATE ROLE \"" + user + "\" LOGIN"); // trust authentication: no password
        }
      }
      String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/library?user=postgres";
      load(url);
      try (Connection c = pg.getDatabase("postgres", "library").getConnection(); Statement st = c.createStatement()) {
        st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"" + user + "\"");
      }
      assertThat(rowCounts(url)).isEqualTo(sqliteRows);
      // Quarry connects as PGUSER (else the operating-system user), as a user would.
      fromPg = stages("postgresql://localhost:" + pg.getPort() + "/library", "b");
    }

    // The drafts: equal but for the source they record.
    ObjectNode a = (ObjectNode) JSON.readTree(fromSqlite.resolve("library.json").toFile());
    ObjectNode b = (ObjectNode) JSON.readTree(fromPg.resolve("library.json").toFile());
    assertThat(a.get("source").toString()).contains("sqlite:");
    assertThat(b.get("source").toString()).contains("postgresql://");
    a.remove("source");
    b.remove("source");
    assertThat(b.toPrettyString()).isEqualTo(a.toPrettyString());
    assertThat(a.get("tables")).hasSize(6);
    assertThat(a.get("joins").size()).isGreaterThanOrEqualTo(6);

    // The seed snapshots: the same files and counts, the source apart.
    Manifest seedA = Manifests.verify(fromSqlite.resolve("ws/seed/library-s42-x1"));
    Manifest seedB = Manifests.verify(fromPg.resolve("ws/seed/library-s42-x1"));
    assertThat(seedB.files()).isEqualTo(seedA.files());
    assertThat(withoutSource(seedB.counts())).isEqualTo(withoutSource(seedA.counts()));
    assertThat(seedA.counts().get("rows").get("fines").asLong()).isEqualTo(sqliteRows.get("fines"));

    // The datasets: byte-identical shards, equal file lists and counts.
    Path dsA = fromSqlite.resolve("ws/datasets/library-s42-x1");
    Path dsB = fromPg.resolve("ws/datasets/library-s42-x1");
    Manifest synthA = Manifests.verify(dsA);
    Manifest synthB = Manifests.verify(dsB);
    assertThat(synthB.files()).isEqualTo(synthA.files());
    assertThat(synthB.counts()).isEqualTo(synthA.counts());
    assertThat(hashes(dsB)).isEqualTo(hashes(dsA));
    assertThat(synthA.files().stream().filter(f -> f.path().endsWith(".parquet")).mapToLong(f -> f.rows()).sum())
        .isGreaterThan(1000);
  }

  /** Runs {@code domain init}, {@code seed} and {@code synth} on {@code source} under {@code dir/name}. */
  private Path stages(String source, String name) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    String file = d.resolve("library.json").toString();
    String ws = d.resolve("ws").toString();
    assertThat(QuarryCli.execute("domain", "init", "--source", source, "--name", "library", "--out", file)).isZero();
    assertThat(QuarryCli.execute("seed", "--domain", file, "--workspace", ws)).isZero();
    assertThat(QuarryCli.execute("synth", "--domain", file, "--workspace", ws, "--samples-per-template",
        SAMPLES_PER_TEMPLATE)).isZero();
    return d;
  }

  /** Loads library.sql with the documented single-file loader, in a child JVM with the test class path. */
  private static void load(String url) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        DIR.resolve("LoadSql.java").toString(), DIR.resolve("library.sql").toString(), url)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("statements run on " + url);
  }

  private static Map<String, Long> rowCounts(String url) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    try (Connection c = java.sql.DriverManager.getConnection(url); Statement st = c.createStatement()) {
      for (String t : List.of("branches", "members", "titles", "copies", "loans", "fines")) {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
          rs.next();
          out.put(t, rs.getLong(1));
        }
      }
    }
    return out;
  }

  private static JsonNode withoutSource(JsonNode counts) {
    ObjectNode c = counts.deepCopy();
    c.remove("source");
    return c;
  }

  /** SHA-256 of every data file under {@code root} but the manifest (which names the domain file), by path. */
  private static Map<String, String> hashes(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(Manifest.FILE_NAME))
          .forEach(files::add);
    }
    for (Path p : files) {
      out.put(root.relativize(p).toString().replace(File.separatorChar, '/'),
          dev.quarry.core.workspace.Sha256.ofFile(p));
    }
    return out;
  }
}
