package dev.quarry.core.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * {@code dataset_info.json} in the form LLaMA-Factory reads as is (its {@code data/dataset_info.json}
 * documentation: "sharegpt" formatting with a {@code messages} column and role/content tags; a
 * {@code file_name} that is a directory loads every file in it): one entry per split that has shards,
 * named {@code quarry_<domain>_<split>}. Its one writer ({@link #write}) and reader ({@link #read}).
 */
public final class DatasetInfo {

  /** File name inside the dataset directory. */
  public static final String FILE_NAME = "dataset_info.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The LLaMA-Factory dataset names of a dataset.
   *
   * @param train the training split's entry
   * @param validation the validation split's entry, or null when there is none
   */
  public record Entries(String train, String validation) {}

  private DatasetInfo() {}

  /** Writes the file into {@code datasetDir} for the splits present under {@code jsonl/}. */
  public static void write(Path datasetDir, String domainName) throws IOException {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    for (String split : DatasetLayout.SPLITS) {
      if (!Files.isDirectory(DatasetLayout.jsonlDir(datasetDir, split))) {
        continue;
      }
      ObjectNode e = root.putObject("quarry_" + domainName + "_" + split);
      e.put("file_name", DatasetLayout.JSONL + "/" + split);
      e.put("formatting", "sharegpt");
      e.putObject("columns").put("messages", "messages");
      ObjectNode tags = e.putObject("tags");
      tags.put("role_tag", "role");
      tags.put("content_tag", "content");
      tags.put("user_tag", "user");
      tags.put("assistant_tag", "assistant");
      tags.put("system_tag", "system");
    }
    JSON.writeValue(datasetDir.resolve(FILE_NAME).toFile(), root);
  }

  /**
   * Reads the entry names of {@code datasetDir}'s file: the first ending in {@code _train} and the first
   * ending in {@code _validation}.
   *
   * @throws IOException if the file is missing or not JSON
   * @throws IllegalArgumentException if it has no {@code *_train} entry
   */
  public static Entries read(Path datasetDir) throws IOException {
    Path info = datasetDir.resolve(FILE_NAME);
    JsonNode root = JSON.readTree(info.toFile());
    String train = null;
    String validation = null;
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (name.endsWith("_train") && train == null) {
        train = name;
      } else if (name.endsWith("_validation") && validation == null) {
        validation = name;
      }
    }
    if (train == null) {
      throw new IllegalArgumentException(info + " has no '*_train' dataset entry for LLaMA-Factory");
    }
    return new Entries(train, validation);
  }
}
