package dev.quarry.train.handoff;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job spec written as {@code job_spec.json} for the external trainer ({@code {spec}} in the command).
 * All paths are absolute strings.
 *
 * @param format spec format version ({@link #FORMAT})
 * @param backend always {@code command}
 * @param modelId the id the model will be registered under
 * @param baseModel base model id or path
 * @param dataset the dataset: manifest, shard paths and formats, pair counts
 * @param lora adapter settings
 * @param training optimisation settings
 * @param outputDir the directory the job must write its model/adapter into (temporary until registration)
 * @param modelDir where the model is registered once the job succeeds
 * @param configs ready-made trainer configs: {@code axolotl}, {@code llamafactory} → YAML path
 * @param timeLimitSeconds wall-clock limit Quarry enforces on the command
 */
public record JobSpec(
    @JsonProperty("format") int format,
    @JsonProperty("backend") String backend,
    @JsonProperty("model_id") String modelId,
    @JsonProperty("base_model") String baseModel,
    @JsonProperty("dataset") Dataset dataset,
    @JsonProperty("lora") Lora lora,
    @JsonProperty("training") Training training,
    @JsonProperty("output_dir") String outputDir,
    @JsonProperty("model_dir") String modelDir,
    @JsonProperty("configs") Map<String, String> configs,
    @JsonProperty("time_limit_seconds") long timeLimitSeconds) {

  /** Current spec format. */
  public static final int FORMAT = 1;

  /** Description of the JSONL shard format. */
  public static final String JSONL_FORMAT =
      "one JSON object per line: {\"messages\":[{\"role\":\"system\",\"content\":...},"
          + "{\"role\":\"user\",\"content\":<question>},{\"role\":\"assistant\",\"content\":<sql>}]}";

  /** Description of the Parquet shard format. */
  public static final String PARQUET_FORMAT =
      "columns id, question, sql, family, hardness, split, source_template, result_fingerprint, row_count";

  /**
   * The dataset part of the spec.
   *
   * @param dir dataset directory
   * @param manifest its manifest.json
   * @param manifestSha256 SHA-256 of the manifest bytes
   * @param fingerprint the manifest's fingerprint
   * @param datasetInfo LLaMA-Factory dataset_info.json
   * @param llamaFactoryTrain training dataset name in dataset_info.json
   * @param llamaFactoryEval validation dataset name in dataset_info.json (may be null)
   * @param formats format name → description ({@code jsonl}, {@code parquet})
   * @param splits split → shards and pair count
   */
  public record Dataset(
      @JsonProperty("dir") String dir,
      @JsonProperty("manifest") String manifest,
      @JsonProperty("manifest_sha256") String manifestSha256,
      @JsonProperty("fingerprint") String fingerprint,
      @JsonProperty("dataset_info") String datasetInfo,
      @JsonProperty("llamafactory_train") String llamaFactoryTrain,
      @JsonProperty("llamafactory_eval") String llamaFactoryEval,
      @JsonProperty("formats") Map<String, String> formats,
      @JsonProperty("splits") Map<String, Split> splits) {}

  /**
   * One split's shards.
   *
   * @param pairs number of pairs, null if unknown
   * @param jsonl absolute JSONL shard paths
   * @param parquet absolute Parquet shard paths
   */
  public record Split(
      @JsonProperty("pairs") Long pairs,
      @JsonProperty("jsonl") List<String> jsonl,
      @JsonProperty("parquet") List<String> parquet) {}

  /**
   * LoRA settings as written.
   *
   * @param adapter {@code qlora} or {@code lora}
   * @param r rank
   * @param alpha alpha
   * @param dropout dropout
   * @param targetModules target module names
   * @param loadIn4bit 4-bit base model
   */
  public record Lora(
      @JsonProperty("adapter") String adapter,
      @JsonProperty("r") int r,
      @JsonProperty("alpha") double alpha,
      @JsonProperty("dropout") double dropout,
      @JsonProperty("target_modules") List<String> targetModules,
      @JsonProperty("load_in_4bit") boolean loadIn4bit) {}

  /**
   * Optimisation settings as written.
   *
   * @param learningRate peak learning rate
   * @param epochs epochs
   * @param batchSize per-device micro batch size
   * @param maxSeqLen max tokens per example
   * @param chatTemplate LLaMA-Factory template name
   * @param seed random seed
   */
  public record Training(
      @JsonProperty("learning_rate") double learningRate,
      @JsonProperty("epochs") int epochs,
      @JsonProperty("batch_size") int batchSize,
      @JsonProperty("max_seq_len") int maxSeqLen,
      @JsonProperty("chat_template") String chatTemplate,
      @JsonProperty("seed") long seed) {}

  /**
   * Builds the spec.
   *
   * @param s settings
   * @param shards the verified dataset
   * @param modelId model id
   * @param outputDir where the job writes (absolute)
   * @param modelDir final registry folder (absolute)
   * @param axolotl path of the axolotl YAML
   * @param llamaFactory path of the LLaMA-Factory YAML
   */
  public static JobSpec of(HandoffSettings s, DatasetShards shards, String modelId, Path outputDir, Path modelDir,
      Path axolotl, Path llamaFactory) {
    Map<String, Split> splits = new LinkedHashMap<>();
    for (Map.Entry<String, List<Path>> e : shards.jsonl().entrySet()) {
      splits.put(e.getKey(), new Split(shards.pairs().get(e.getKey()), strings(e.getValue()),
          strings(shards.parquet().getOrDefault(e.getKey(), List.of()))));
    }
    Map<String, String> formats = new LinkedHashMap<>();
    formats.put("jsonl", JSONL_FORMAT);
    formats.put("parquet", PARQUET_FORMAT);
    Dataset ds = new Dataset(shards.dir().toString(), shards.manifest().toString(), shards.manifestSha256(),
        shards.fingerprint(), shards.datasetInfo().toString(), shards.llamaFactoryTrain(), shards.llamaFactoryEval(),
        formats, splits);
    LoraSettings l = s.lora();
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("axolotl", axolotl.toString());
    configs.put("llamafactory", llamaFactory.toString());
    return new JobSpec(FORMAT, "command", modelId, s.baseModel(), ds,
        new Lora(l.adapter(), l.r(), l.alpha(), l.dropout(), l.targetModules(), l.loadIn4bit()),
        new Training(s.learningRate(), s.epochs(), s.batchSize(), s.maxSeqLen(), s.chatTemplate(), s.seed()),
        outputDir.toString(), modelDir.toString(), configs, s.timeLimit().toSeconds());
  }

  private static List<String> strings(List<Path> paths) {
    return paths.stream().map(Path::toString).toList();
  }
}
