package dev.quarry.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the chat JSONL shards ({@code jsonl/<split>/part-*.jsonl}, lines {@code {"messages":[system,user,
 * assistant]}}) of a synth dataset after checking every file against the dataset's manifest.
 */
public final class DatasetReader {

  private static final ObjectMapper JSON = new ObjectMapper();

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
    Path d = dir.resolve("jsonl").resolve(split);
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
      try (BufferedReader r = Files.newBufferedReader(f)) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode m = JSON.readTree(line).get("messages");
          out.add(new TrainingPair(m.get(1).get("content").asText(), m.get(2).get("content").asText()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + f, e);
      }
    }
    return out;
  }
}
