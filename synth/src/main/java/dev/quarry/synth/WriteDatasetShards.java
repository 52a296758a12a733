package dev.quarry.synth;

import dev.quarry.core.dataset.ChatJsonl;
import dev.quarry.core.dataset.DatasetLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes split pairs as shards, two formats per shard, into an output directory:
 *
 * <pre>
 * jsonl/&lt;split&gt;/part-00000-of-0000N.jsonl      chat "messages" form (system prompt with the schema, user, assistant)
 * parquet/&lt;split&gt;/part-00000-of-0000N.parquet  flat columns (see {@link DatasetShardWriter#SCHEMA})
 * </pre>
 *
 * <p>Each split gets {@code ceil(pairs / pairsPerShard)} shards; a pair's shard is a hash of its id, and the
 * rows inside a shard are sorted by id, so the bytes do not depend on processing order or runner. Only one
 * shard's pairs are held in memory at a time. Output: one {@code KV<relative path, rows>} per file written.
 */
public final class WriteDatasetShards extends PTransform<PCollection<SynthPair>, PCollection<KV<String, Long>>> {

  private final String outputDir;
  private final String systemPrompt;
  private final int pairsPerShard;

  /**
   * @param outputDir directory to write into (the stage's temporary directory)
   * @param systemPrompt system message of every chat record
   * @param pairsPerShard target pairs per shard, ≥ 1
   */
  public WriteDatasetShards(String outputDir, String systemPrompt, int pairsPerShard) {
    if (pairsPerShard < 1) {
      throw new IllegalArgumentException("pairs per shard must be >= 1, got " + pairsPerShard);
    }
    this.outputDir = outputDir;
    this.systemPrompt = systemPrompt;
    this.pairsPerShard = pairsPerShard;
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<SynthPair> pairs) {
    PCollectionView<Map<String, Long>> counts = pairs
        .apply("KeyBySplit", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via((SynthPair p) -> KV.of(p.split(), p.id())))
        .apply("CountPerSplit", Count.perKey())
        .apply("AsMap", View.asMap());
    int perShard = pairsPerShard;
    return pairs
        .apply("AssignShard", ParDo.of(new AssignShardFn(counts, perShard)).withSideInputs(counts))
        .apply("GroupByShard", GroupByKey.create())
        .apply("WriteShard", ParDo.of(new WriteShardFn(outputDir, systemPrompt)));
  }

  /** Number of shards for {@code count} pairs. */
  static int shardCount(long count, int pairsPerShard) {
    return (int) Math.max(1, (count + pairsPerShard - 1) / pairsPerShard);
  }

  /** Keys each pair by {@code split/shard/of}. */
  static final class AssignShardFn extends DoFn<SynthPair, KV<String, SynthPair>> {
    private final PCollectionView<Map<String, Long>> counts;
    private final int pairsPerShard;

    AssignShardFn(PCollectionView<Map<String, Long>> counts, int pairsPerShard) {
      this.counts = counts;
      this.pairsPerShard = pairsPerShard;
    }

    @ProcessElement
    public void process(@Element SynthPair p, OutputReceiver<KV<String, SynthPair>> out, ProcessContext c) {
      int n = shardCount(c.sideInput(counts).get(p.split()), pairsPerShard);
      int shard = (int) (StableHash.bucketKey(p.id()) % n);
      out.output(KV.of(p.split() + "/" + shard + "/" + n, p));
    }
  }

  /** Sorts one shard's pairs by id and writes its JSONL and Parquet files. */
  static final class WriteShardFn extends DoFn<KV<String, Iterable<SynthPair>>, KV<String, Long>> {
    private final String outputDir;
    private final String systemPrompt;

    WriteShardFn(String outputDir, String systemPrompt) {
      this.outputDir = outputDir;
      this.systemPrompt = systemPrompt;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<SynthPair>> shard, OutputReceiver<KV<String, Long>> out) {
      String[] k = shard.getKey().split("/");
      String split = k[0];
      String name = String.format("part-%05d-of-%05d", Integer.parseInt(k[1]), Integer.parseInt(k[2]));
      List<SynthPair> rows = new ArrayList<>();
      shard.getValue().forEach(rows::add);
      rows.sort(Comparator.comparing(SynthPair::id));
      Path root = Path.of(outputDir);
      String jsonl = DatasetLayout.jsonlShard(split, name);
      String parquet = DatasetLayout.parquetShard(split, name);
      try {
        ChatJsonl.write(root.resolve(jsonl), systemPrompt,
            rows.stream().map(r -> new ChatJsonl.Pair(r.question(), r.sql())).toList());
        DatasetShardWriter.write(root.resolve(parquet), rows);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write shard " + split + "/" + name, e);
      }
      out.output(KV.of(jsonl, (long) rows.size()));
      out.output(KV.of(parquet, (long) rows.size()));
    }
  }
}
