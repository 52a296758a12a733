package dev.quarry.core.parquet;

import dev.quarry.core.domain.Domain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Writes one table's rows as {@code numShards} sorted Parquet files
 * {@code <outputDir>/<table>/part-<i>-of-<n>.parquet}.
 *
 * <p>Input: rows with {@link ParquetSchemas#beamSchema} of the table. The caller's {@code shardOf}
 * function maps a row to its shard in {@code [0, numShards)}; it must be monotone in the table's sort
 * key (e.g. a sort-key range) so that the shards, read in order, are globally sorted. Rows are batched
 * per shard within each bundle, grouped per shard (only one shard's rows are materialized at a time by
 * the writing step), sorted by the sort key and written with {@link ParquetShardWriter}. Every shard
 * file is written, empty ones included. Input must be globally windowed (batch data).
 *
 * <p>Output: the absolute paths of the written files. Counts rows written in the Beam counter
 * {@link #METRICS_NAMESPACE}/{@code rows_<table>}.
 */
public final class WriteParquetShards extends PTransform<PCollection<Row>, PCollection<String>> {

  private static final long serialVersionUID = 1L;

  /** Namespace of the row counters. */
  public static final String METRICS_NAMESPACE = "quarry";

  /** Most rows per batch handed to the grouping step. */
  static final int BATCH_ROWS = 2_000;

  private final Domain.Table table;
  private final String outputDir;
  private final int numShards;
  private final SerializableFunction<Row, Integer> shardOf;

  private WriteParquetShards(
      Domain.Table table, String outputDir, int numShards, SerializableFunction<Row, Integer> shardOf) {
    this.table = table;
    this.outputDir = outputDir;
    this.numShards = numShards;
    this.shardOf = shardOf;
  }

  /**
   * Creates the transform.
   *
   * @param table the domain table the rows belong to
   * @param outputDir the directory under which {@code <table>/} is created
   * @param numShards number of files, at least 1
   * @param shardOf row → shard index in {@code [0, numShards)}, monotone in the sort key
   * @throws IllegalArgumentException if {@code numShards < 1}
   */
  public static WriteParquetShards of(
      Domain.Table table, String outputDir, int numShards, SerializableFunction<Row, Integer> shardOf) {
    if (numShards < 1) {
      throw new IllegalArgumentException("numShards must be >= 1, was " + numShards);
    }
    return new WriteParquetShards(table, outputDir, numShards, shardOf);
  }

  /** Returns the counter name for a table's written rows: {@code rows_<table>}. */
  public static String counterName(String table) {
    return "rows_" + table;
  }

  @Override
  public PCollection<String> expand(PCollection<Row> rows) {
    Schema schema = ParquetSchemas.beamSchema(table);
    if (!(rows.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
      throw new IllegalArgumentException("WriteParquetShards needs globally windowed input");
    }
    TupleTag<List<Row>> rowsTag = new TupleTag<>() {};
    TupleTag<Integer> shardTag = new TupleTag<>() {};
    PCollection<KV<Integer, List<Row>>> keyed =
        rows.apply("BatchByShard", ParDo.of(new BatchByShardFn(shardOf, numShards)))
            .setCoder(KvCoder.of(VarIntCoder.of(), ListCoder.of(RowCoder.of(schema))));
    List<KV<Integer, Integer>> all = new ArrayList<>();
    IntStream.range(0, numShards).forEach(i -> all.add(KV.of(i, i)));
    PCollection<KV<Integer, Integer>> shards =
        rows.getPipeline()
            .apply("ListShards", Create.of(all).withCoder(KvCoder.of(VarIntCoder.of(), VarIntCoder.of())));
    return KeyedPCollectionTuple.of(rowsTag, keyed)
        .and(shardTag, shards)
        .apply("GroupShard", CoGroupByKey.create())
        .apply("WriteShard", ParDo.of(new WriteShardFn(table, outputDir, numShards, rowsTag)));
  }

  /**
   * Keys rows by shard index, batching them per shard within a bundle (at most {@link #BATCH_ROWS}
   * rows per batch) so the grouping step handles few large elements instead of many small ones.
   * Rejects shard indexes outside {@code [0, numShards)}. Input must be globally windowed.
   */
  static final class BatchByShardFn extends DoFn<Row, KV<Integer, List<Row>>> {
    private static final long serialVersionUID = 1L;
    private final SerializableFunction<Row, Integer> shardOf;
    private final int numShards;
    private transient Map<Integer, List<Row>> buffers;

    BatchByShardFn(SerializableFunction<Row, Integer> shardOf, int numShards) {
      this.shardOf = shardOf;
      this.numShards = numShards;
    }

    @StartBundle
    public void startBundle() {
      buffers = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<Integer, List<Row>>> out) {
      int shard = shardOf.apply(row);
      if (shard < 0 || shard >= numShards) {
        throw new IllegalStateException("Shard " + shard + " outside [0, " + numShards + ") for row " + row);
      }
      List<Row> buffer = buffers.computeIfAbsent(shard, k -> new ArrayList<>());
      buffer.add(row);
      if (buffer.size() >= BATCH_ROWS) {
        out.output(KV.of(shard, buffer));
        buffers.remove(shard);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (Map.Entry<Integer, List<Row>> e : buffers.entrySet()) {
        context.output(KV.of(e.getKey(), e.getValue()), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
      buffers = null;
    }
  }

  /** Sorts one shard's rows and writes its file; outputs the file's path. */
  static final class WriteShardFn extends DoFn<KV<Integer, CoGbkResult>, String> {
    private static final long serialVersionUID = 1L;
    private final Domain.Table table;
    private final String outputDir;
    private final int numShards;
    private final TupleTag<List<Row>> rowsTag;
    private final Counter rowsWritten;

    WriteShardFn(Domain.Table table, String outputDir, int numShards, TupleTag<List<Row>> rowsTag) {
      this.table = table;
      this.outputDir = outputDir;
      this.numShards = numShards;
      this.rowsTag = rowsTag;
      this.rowsWritten = Metrics.counter(METRICS_NAMESPACE, counterName(table.name()));
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> shard, OutputReceiver<String> out) {
      List<Row> rows = new ArrayList<>();
      shard.getValue().getAll(rowsTag).forEach(rows::addAll);
      Path file = ParquetShardWriter.shardPath(Path.of(outputDir), table.name(), shard.getKey(), numShards);
      rowsWritten.inc(ParquetShardWriter.writeSorted(file, table, rows));
      out.output(file.toAbsolutePath().toString());
    }
  }
}
