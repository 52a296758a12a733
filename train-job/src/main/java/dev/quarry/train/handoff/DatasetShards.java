package dev.quarry.train.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.dataset.DatasetInfo;
import dev.quarry.core.dataset.DatasetLayout;
import dev.quarry.core.workspace.InvalidOutputException;
import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A verified dataset directory as the external trainer sees it: absolute shard paths per split and format,
 * pair counts, and the LLaMA-Factory dataset names declared in its {@code dataset_info.json}.
 *
 * @param dir absolute dataset directory
 * @param manifestSha256 SHA-256 of its {@code manifest.json}
 * @param fingerprint the dataset manifest's fingerprint
 * @param jsonl split → absolute paths of {@code jsonl/<split>/*.jsonl} (sorted); every split has ≥ 1 file
 * @param parquet split → absolute paths of {@code parquet/<split>/*.parquet} (sorted; may be empty)
 * @param pairs split → number of pairs (from the manifest's per-file row counts, else its
 *     {@code counts.kept_by_split}; absent when neither is known)
 * @param datasetInfo absolute path of {@code dataset_info.json}
 * @param llamaFactoryTrain name of the training split's entry in {@code dataset_info.json}
 * @param llamaFactoryEval name of the validation split's entry, or null if there is none
 */
public record DatasetShards(
    Path dir,
    String manifestSha256,
    String fingerprint,
    Map<String, List<Path>> jsonl,
    Map<String, List<Path>> parquet,
    Map<String, Long> pairs,
    Path datasetInfo,
    String llamaFactoryTrain,
    String llamaFactoryEval) {

  /** Name of LLaMA-Factory's dataset registry file, written by {@code quarry synth}. */
  public static final String DATASET_INFO = DatasetInfo.FILE_NAME;

  /**
   * Verifies {@code datasetDir} through its manifest and lists its shards.
   *
   * @throws InvalidOutputException naming the directory and the file at fault when the manifest does not
   *     verify, no {@code jsonl/train} shard is listed, or {@code dataset_info.json} lacks a {@code *_train} entry
   */
  public static DatasetShards read(Path datasetDir) {
    Path dir = datasetDir.toAbsolutePath().normalize();
    Manifest m = Manifests.verify(dir);
    Map<String, List<Path>> jsonl = new TreeMap<>();
    Map<String, List<Path>> parquet = new TreeMap<>();
    Map<String, Long> rows = new TreeMap<>();
    Map<String, Boolean> rowsKnown = new TreeMap<>();
    for (Manifest.FileEntry f : m.files()) {
      String[] parts = f.path().split("/");
      if (parts.length != 3) {
        continue;
      }
      String split = parts[1];
      if (parts[0].equals(DatasetLayout.JSONL) && parts[2].endsWith(".jsonl")) {
        jsonl.computeIfAbsent(split, k -> new ArrayList<>()).add(dir.resolve(f.path()));
        rows.merge(split, f.rows() == null ? 0L : f.rows(), Long::sum);
        rowsKnown.merge(split, f.rows() != null, Boolean::logicalAnd);
      } else if (parts[0].equals(DatasetLayout.PARQUET) && parts[2].endsWith(".parquet")) {
        parquet.computeIfAbsent(split, k -> new ArrayList<>()).add(dir.resolve(f.path()));
      }
    }
    Path manifestFile = dir.resolve(Manifest.FILE_NAME);
    if (!jsonl.containsKey("train")) {
      throw new InvalidOutputException(dir, manifestFile + " lists no jsonl/train/*.jsonl shard: nothing to train on");
    }
    jsonl.values().forEach(l -> l.sort(null));
    parquet.values().forEach(l -> l.sort(null));
    Map<String, Long> pairs = new TreeMap<>();
    JsonNode bySplit = m.counts() == null ? null : m.counts().path("kept_by_split");
    for (String split : jsonl.keySet()) {
      if (Boolean.TRUE.equals(rowsKnown.get(split))) {
        pairs.put(split, rows.get(split));
      } else if (bySplit != null && bySplit.hasNonNull(split)) {
        pairs.put(split, bySplit.get(split).asLong());
      }
    }
    Path info = dir.resolve(DATASET_INFO);
    DatasetInfo.Entries entries;
    try {
      entries = DatasetInfo.read(dir);
    } catch (IOException e) {
      throw new InvalidOutputException(dir, "cannot read " + info + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new InvalidOutputException(dir, e.getMessage());
    }
    String train = entries.train();
    String eval = entries.validation();
    return new DatasetShards(dir, Manifests.manifestHash(dir), m.fingerprint(), freeze(jsonl), freeze(parquet),
        pairs, info, train, eval);
  }

  /** The {@code manifest.json} of the dataset. */
  public Path manifest() {
    return dir.resolve(Manifest.FILE_NAME);
  }

  /** Absolute directory of one split's JSONL shards. */
  public Path jsonlDir(String split) {
    return DatasetLayout.jsonlDir(dir, split);
  }

  private static Map<String, List<Path>> freeze(Map<String, List<Path>> m) {
    Map<String, List<Path>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  /** Ensures the directory exists before {@link #read}, naming the option on failure. */
  public static void requireDirectory(Path datasetDir) {
    if (!Files.isDirectory(datasetDir)) {
      throw new IllegalArgumentException("--dataset: no dataset directory at " + datasetDir.toAbsolutePath()
          + " (run 'quarry synth' first)");
    }
  }
}
