package dev.quarry.train;

import dev.quarry.core.dataset.ChatJsonl;
import dev.quarry.core.dataset.DatasetLayout;
import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the chat JSONL shards ({@code jsonl/<split>/part-*.jsonl}, {@link DatasetLayout}) of a synth dataset
 * through the format's one reader ({@link ChatJsonl}) after checking every file against the dataset's manifest.
 */
public final class DatasetReader {

  private final Path dir;
  private final Manifest manifest;

  private DatasetReader(Path dir, Manifest manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  /**
   * Verifies {@code datasetDir} through its manifest (SHA-256 of every shard).
   *
   * @throws dev.quarry.core.workspace.InvalidOutputException naming the first file that does not verify
   */
  public static DatasetReader open(Path datasetDir) {
    return new DatasetReader(datasetDir, Manifests.verify(datasetDir));
  }

  /** The verified manifest. */
  public Manifest manifest() {
    return manifest;
  }

  /** SHA-256 of the manifest file (recorded in the model card). */
  public String manifestSha256() {
    return Manifests.manifestHash(dir);
  }

  /**
   * Reads one split in shard order.
   *
   * @param split {@code train}, {@code validation} or {@code test}
   * @throws IllegalArgumentException if the split has no shard
   */
  public List<TrainingPair> read(String split) {
    Path d = DatasetLayout.jsonlDir(dir, split);
    List<Path> files;
    try (Stream<Path> s = Files.isDirectory(d) ? Files.list(d) : Stream.empty()) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + d, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("Dataset " + dir + " has no JSONL shard for split '" + split + "'");
    }
    List<TrainingPair> out = new ArrayList<>();
    for (Path f : files) {
      for (ChatJsonl.Pair p : ChatJsonl.read(f)) {
        out.add(new TrainingPair(p.question(), p.sql()));
      }
    }
    return out;
  }
}
