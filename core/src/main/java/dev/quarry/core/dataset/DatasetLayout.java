package dev.quarry.core.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a synth dataset keeps its files: {@code jsonl/<split>/part-NNNNN-of-NNNNN.jsonl} (chat JSONL,
 * {@link ChatJsonl}), {@code parquet/<split>/part-….parquet}, {@code dataset_info.json} ({@link DatasetInfo})
 * and {@code manifest.json}. The one owner of these names: synth writes, train-job and its hand-off read.
 */
public final class DatasetLayout {

  /** Folder of the chat JSONL shards. */
  public static final String JSONL = "jsonl";
  /** Folder of the Parquet shards. */
  public static final String PARQUET = "parquet";
  /** The training split. */
  public static final String TRAIN = "train";
  /** The validation split. */
  public static final String VALIDATION = "validation";
  /** The test split. */
  public static final String TEST = "test";
  /** Every split, in the order they are listed. */
  public static final List<String> SPLITS = List.of(TRAIN, VALIDATION, TEST);

  private DatasetLayout() {}

  /** {@code <dataset>/jsonl/<split>}. */
  public static Path jsonlDir(Path dataset, String split) {
    return dataset.resolve(JSONL).resolve(split);
  }

  /** Relative path of a JSONL shard, e.g. {@code jsonl/train/part-00000-of-00004.jsonl}. */
  public static String jsonlShard(String split, String name) {
    return JSONL + "/" + split + "/" + name + ".jsonl";
  }

  /** Relative path of a Parquet shard, e.g. {@code parquet/train/part-00000-of-00004.parquet}. */
  public static String parquetShard(String split, String name) {
    return PARQUET + "/" + split + "/" + name + ".parquet";
  }
}
