package dev.quarry.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.domain.init.SourceCatalog;
import dev.quarry.core.domain.init.SourceSpec;
import dev.quarry.core.snapshot.SnapshotError;
import dev.quarry.core.snapshot.SnapshotException;
import dev.quarry.core.snapshot.SnapshotReader;
import dev.quarry.core.snapshot.SnapshotWriter;
import dev.quarry.core.snapshot.SourceSnapshot;
import dev.quarry.core.workspace.InvalidOutputException;
import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.core.workspace.Sha256;
import dev.quarry.core.workspace.StageRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed stage of an imported domain (one whose domain file records a {@code source}): a sorted Parquet snapshot
 * of the source ({@link SnapshotReader}, {@link SnapshotWriter}) written through {@link StageRunner} (temporary
 * folder, manifest, atomic move) into the folder the built-in generator would use,
 * {@code <workspace>/seed/<name>-s<seed>-x<scale>/<table>/part-*.parquet}.
 *
 * <p>The source is read on every run; its content hash is one of the stage options, so an unchanged source is
 * skipped as up to date and a changed one is snapshotted again. The manifest's counts record the source, the schema
 * hash, the content hash, the rows per table (and the source's rows when {@code --max-rows-per-table} sampled).
 */
final class SnapshotStage {

  private SnapshotStage() {}

  /**
   * Runs (or skips) the snapshot of the domain named by {@code o}.
   *
   * @throws SnapshotException when the source no longer matches the domain file, or (without {@code force}) the
   *     existing snapshot was taken from a source with another schema hash; nothing in the workspace is changed
   * @throws dev.quarry.core.domain.init.DomainInitException when the source cannot be opened
   */
  static StageRunner.StageResult run(DataOptions o, Domain domain, String command, boolean force) {
    SourceSpec spec = SourceSpec.parse(domain.source());
    SourceSnapshot snapshot;
    try (SourceCatalog catalog = SourceCatalog.open(spec)) {
      snapshot = SnapshotReader.read(domain, catalog, o.maxRowsPerTable());
    }
    Path out = o.workspace().seedDir(o.domain, o.seed, o.scale());
    refuseChangedSchema(out, snapshot, force);
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("domain", o.domain);
    options.put("domain_sha256", Sha256.ofBytes(DomainLoader.rawBytes(o.domain)));
    options.put("source", snapshot.source());
    options.put("max_rows_per_table", o.maxRowsPerTable());
    options.put("schema_sha256", snapshot.schemaHash());
    options.put("content_sha256", snapshot.contentHash());
    return StageRunner.run(
        new StageRunner.StageRequest("seed", command, options, o.seed, Map.of(), force), out, tmp -> {
          Map<String, Long> files = SnapshotWriter.write(snapshot, tmp);
          return new StageRunner.StageOutput(counts(snapshot, o.maxRowsPerTable()), files);
        });
  }

  /** The manifest counts: source, schema and content hashes, rows per table and, when sampled, source rows. */
  static JsonNode counts(SourceSnapshot s, long maxRowsPerTable) {
    ObjectNode counts = JsonNodeFactory.instance.objectNode();
    counts.put("source", s.source());
    counts.put("schema_sha256", s.schemaHash());
    counts.put("content_sha256", s.contentHash());
    ObjectNode rows = counts.putObject("rows");
    s.rowCounts().forEach(rows::put);
    if (maxRowsPerTable > 0) {
      counts.put("max_rows_per_table", maxRowsPerTable);
      ObjectNode sourceRows = counts.putObject("source_rows");
      s.sourceRowCounts().forEach(sourceRows::put);
    }
    return counts;
  }

  /**
   * Refuses to replace a snapshot taken from a source with another schema (unless {@code force}): the dataset and
   * models built on it describe another schema.
   */
  private static void refuseChangedSchema(Path out, SourceSnapshot snapshot, boolean force) {
    if (force || !Files.isDirectory(out)) {
      return;
    }
    Manifest existing;
    try {
      existing = Manifests.read(out);
    } catch (InvalidOutputException | IllegalArgumentException e) {
      return; // not a complete output: StageRunner replaces it as it would any other
    }
    JsonNode old = existing.counts() == null ? null : existing.counts().get("schema_sha256");
    String oldHash = old == null ? null : old.asText();
    if (oldHash == null) {
      throw new SnapshotException(SnapshotError.SNAPSHOT_SCHEMA_CHANGED, "The seed folder " + out
          + " holds generated seed data, not a snapshot of " + snapshot.source() + "; left untouched. Remove it, or pass"
          + " --force to replace it.");
    }
    if (!oldHash.equals(snapshot.schemaHash())) {
      throw new SnapshotException(SnapshotError.SNAPSHOT_SCHEMA_CHANGED, "The snapshot in " + out + " was taken from"
          + " a source with schema hash " + oldHash.substring(0, 12) + "; " + snapshot.source() + " now has "
          + snapshot.schemaHash().substring(0, 12) + " (its tables, columns or types changed), so the dataset and"
          + " models built on the old snapshot no longer describe it. Left untouched; pass --force to replace it"
          + " (the dataset and model are then rebuilt).");
    }
  }
}
