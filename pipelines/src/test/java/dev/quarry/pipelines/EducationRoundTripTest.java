package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.domain.init.Descriptions;
import dev.quarry.core.domain.init.DomainChecker;
import dev.quarry.core.domain.init.DomainDrafter;
import dev.quarry.core.domain.init.DraftFiles;
import dev.quarry.core.domain.init.SourceSpec;
import dev.quarry.core.domain.init.Synonyms;
import dev.quarry.core.duckdb.LocalDuckDb;
import dev.quarry.core.duckdb.SeedExport;
import dev.quarry.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in education seed exported to a DuckDB file with {@code quarry domain export} (atomic, refusing to
 * overwrite without --force) and imported with {@code quarry domain init}, with no
 * hand-written annotation: the draft has the hand-annotated domain's tables, types, roles, joins, years and
 * vocabulary values.
 */
class EducationRoundTripTest {

  @TempDir Path ws;

  private static Properties readOnly() {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    return p;
  }

  @Test
  void seedMissingATableIsRefusedAndLeavesNoFile() throws Exception {
    Path seed = ws.resolve("seed");
    Files.createDirectories(seed.resolve("students"));
    Path db = ws.resolve("x.duckdb");
    assertThatThrownBy(() -> SeedExport.export(DomainLoader.load("education"), seed, db, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enrollment");
    try (var files = Files.list(ws)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("seed");
    }
  }

  @Test
  void importedEducationSeedMatchesTheHandAnnotatedSchema() throws Exception {
    Domain hand = DomainLoader.load("education");
    Path db = ws.resolve("export").resolve("education.duckdb");
    assertThat(QuarryCli.execute("domain", "export", "--workspace", ws.toString(), "--duckdb", db.toString())).isZero();
    assertThat(db).isRegularFile();
    try (var files = Files.list(db.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("education.duckdb");
    }
    Path seed = new Workspace(ws).seedDir("education", 42, 1);
    try (Connection c = LocalDuckDb.connect("jdbc:duckdb:" + db, readOnly()); Statement st = c.createStatement()) {
      for (Domain.Table t : hand.tables()) {
        try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM " + t.name() + "), (SELECT count(*) FROM "
            + "(SELECT * FROM " + t.name() + " EXCEPT ALL SELECT " + String.join(", ", t.columnNames())
            + " FROM read_parquet('" + seed.resolve(t.name()).resolve("*.parquet") + "')))")) {
          rs.next();
          assertThat(rs.getLong(1)).as(t.name() + " rows").isPositive();
          assertThat(rs.getLong(2)).as(t.name() + " rows not in the seed").isZero();
        }
      }
    }

    // an existing file is kept without --force (usage error, exit 2) and replaced with it
    byte[] before = Files.readAllBytes(db);
    assertThat(QuarryCli.execute("domain", "export", "--workspace", ws.toString(), "--duckdb", db.toString())).isEqualTo(2);
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
    assertThat(QuarryCli.execute("domain", "export", "--workspace", ws.toString(), "--duckdb", db.toString(),
        "--force")).isZero();
    try (var files = Files.list(db.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("education.duckdb");
    }

    Domain draft = new DomainDrafter(Synonyms.NONE).draft(SourceSpec.parse("duckdb:" + db), "education_import",
        Descriptions.NONE).domain();

    assertThat(draft.tableNames()).containsExactlyInAnyOrderElementsOf(hand.tableNames());
    List<String> differences = new ArrayList<>();
    for (Domain.Table t : hand.tables()) {
      Domain.Table d = draft.requireTable(t.name());
      assertThat(d.columnNames()).containsExactlyElementsOf(t.columnNames());
      for (Domain.Column c : t.columns()) {
        Domain.Column dc = d.column(c.name()).orElseThrow();
        assertThat(dc.type()).as(t.name() + "." + c.name()).isEqualTo(c.type());
        if (dc.role() != c.role()) {
          differences.add(t.name() + "." + c.name() + ": " + dc.role() + " (" + dc.evidence() + "), hand: " + c.role());
        }
      }
    }
    assertThat(differences).as("roles that differ from the hand-annotated domain").isEmpty();
    assertThat(draft.joins()).extracting(j -> j.left() + "-" + j.right() + ":" + j.on() + "@" + j.containment())
        .containsExactly("students-attendance:student_id@1.0", "students-discipline:student_id@1.0",
            "students-grades:student_id@1.0");
    assertThat(draft.years().column()).isEqualTo(hand.years().column());
    assertThat(draft.years().values()).isEqualTo(hand.years().values());
    assertThat(draft.years().current()).isEqualTo(hand.years().current());
    assertThat(draft.vocabulary("school_name")).extracting(e -> String.valueOf(e.value()))
        .containsExactlyInAnyOrderElementsOf(hand.vocabulary("schools").stream().map(e -> String.valueOf(e.value())).toList());
    assertThat(draft.vocabulary("grade_level")).hasSize(hand.vocabulary("grade_levels").size());
    Path file = ws.resolve("education_import.json");
    DraftFiles.write(draft, file, false);
    assertThat(DomainChecker.check(file)).isEmpty();
  }
}
