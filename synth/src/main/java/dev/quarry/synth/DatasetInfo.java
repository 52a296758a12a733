package dev.quarry.synth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.workspace.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code dataset_info.json} in the form LLaMA-Factory reads as is (its {@code data/dataset_info.json}
 * documentation: "sharegpt" formatting with a {@code messages} column and role/content tags; a
 * {@code file_name} that is a directory loads every file in it). One entry per split that has shards,
 * named {@code quarry_<domain>_<split>}.
 */
public final class DatasetInfo {

  /** File name inside the dataset directory. */
  public static final String FILE_NAME = "dataset_info.json";

  private DatasetInfo() {}

  /** Writes the file into {@code datasetDir} for the splits present under {@code jsonl/}. */
  public static void write(Path datasetDir, Domain domain) throws IOException {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    for (String split : List.of(SplitPairs.TRAIN, SplitPairs.VALIDATION, SplitPairs.TEST)) {
      if (!Files.isDirectory(datasetDir.resolve("jsonl").resolve(split))) {
        continue;
      }
      ObjectNode e = root.putObject("quarry_" + domain.name() + "_" + split);
      e.put("file_name", "jsonl/" + split);
      e.put("formatting", "sharegpt");
      e.putObject("columns").put("messages", "messages");
      ObjectNode tags = e.putObject("tags");
      tags.put("role_tag", "role");
      tags.put("content_tag", "content");
      tags.put("user_tag", "user");
      tags.put("assistant_tag", "assistant");
      tags.put("system_tag", "system");
    }
    Manifests.JSON.writeValue(datasetDir.resolve(FILE_NAME).toFile(), root);
  }
}
