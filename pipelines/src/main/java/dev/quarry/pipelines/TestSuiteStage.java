package dev.quarry.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.snapshot.SnapshotFuzzer;
import dev.quarry.core.snapshot.SnapshotReader;
import dev.quarry.core.snapshot.SnapshotWriter;
import dev.quarry.core.snapshot.SourceSnapshot;
import dev.quarry.core.workspace.Sha256;
import dev.quarry.core.workspace.StageRunner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One test-suite database of an imported domain (one whose domain file records a {@code source}): its seed snapshot
 * fuzzed with a test-suite seed ({@link SnapshotFuzzer}, after Zhong et al. 2020, "Semantic Evaluation for
 * Text-to-SQL with Distilled Test Suites"), written like the snapshot itself through {@link StageRunner} (temporary
 * folder, manifest, atomic move) in the snapshot's layout, into
 * {@code <workspace>/seed/<name>-s<test seed>-x1-fuzzed/<table>/part-*.parquet}.
 *
 * <p>The snapshot folder is the stage's input, so its manifest is part of the fingerprint: the database is skipped as
 * up to date while the snapshot, the domain file and the seed are unchanged, and made again when one of them changes.
 * The manifest's counts record the fuzz seed, the schema hash, the snapshot's and the fuzzed content hashes, and the
 * rows per table of both.
 */
final class TestSuiteStage {

  private TestSuiteStage() {}

  /**
   * Runs (or skips) the test-suite database for {@code seed}.
   *
   * @param o data options (workspace and domain; the test-suite database is filed under {@code seed} at scale 1)
   * @param domain the loaded imported domain
   * @param snapshotDir the snapshot to fuzz (a seed stage output with its manifest)
   * @param seed the test-suite seed
   * @param command the command line for the manifest
   * @param force redo even when up to date
   * @return the stage result; {@code dir()} is the database's folder
   * @throws dev.quarry.core.workspace.InvalidOutputException when the snapshot's manifest does not verify
   * @throws dev.quarry.core.workspace.StageFailedException when the snapshot cannot be read back (its tables,
   *     columns or types are not the domain's); the previous output is left as it was
   */
  static StageRunner.StageResult run(DataOptions o, Domain domain, Path snapshotDir, long seed, String command,
      boolean force) {
    Path out = o.workspace().fuzzedDir(o.domain, seed, 1);
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("domain", o.domain);
    options.put("domain_sha256", Sha256.ofBytes(DomainLoader.rawBytes(o.domain)));
    options.put("fuzz_seed", seed);
    options.put("min_fraction", SnapshotFuzzer.MIN_FRACTION);
    options.put("max_fraction", SnapshotFuzzer.MAX_FRACTION);
    options.put("max_rows_per_table", SnapshotFuzzer.MAX_ROWS_PER_TABLE);
    return StageRunner.run(new StageRunner.StageRequest("test_suite", command, options, seed,
        Map.of("snapshot", snapshotDir), force), out, tmp -> {
          SourceSnapshot snapshot = SnapshotReader.readFolder(domain, snapshotDir);
          SourceSnapshot fuzzed = SnapshotFuzzer.fuzz(domain, snapshot, seed);
          Map<String, Long> files = SnapshotWriter.write(fuzzed, tmp);
          return new StageRunner.StageOutput(counts(domain, snapshot, fuzzed, seed), files);
        });
  }

  /**
   * The manifest counts: the domain's source, the seed, the schema hash, both content hashes, fuzzed and snapshot rows
   * per table.
   */
  static JsonNode counts(Domain domain, SourceSnapshot snapshot, SourceSnapshot fuzzed, long seed) {
    ObjectNode counts = JsonNodeFactory.instance.objectNode();
    counts.put("source", domain.source());
    counts.put("fuzz_seed", seed);
    counts.put("schema_sha256", fuzzed.schemaHash());
    counts.put("snapshot_content_sha256", snapshot.contentHash());
    counts.put("content_sha256", fuzzed.contentHash());
    ObjectNode rows = counts.putObject("rows");
    fuzzed.rowCounts().forEach(rows::put);
    ObjectNode from = counts.putObject("snapshot_rows");
    snapshot.rowCounts().forEach(from::put);
    return counts;
  }
}
