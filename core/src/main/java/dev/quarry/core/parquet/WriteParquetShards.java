package dev.quarry.core.parquet;

import dev.quarry.core.domain.Domain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.KvCoder;
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
 * key (e.g. a sort-key range) so that the shards, read in order, are globally sorted. Rows are grouped
 * per shard (only one shard is materialized at a time per worker), sorted by the sort key and written
 * with {@link ParquetShardWriter}. Every shard file is written, empty ones included.
 *
 * <p>Output: the absolute paths of the written files. Counts rows written in the Beam counter
 * {@link #METRICS_NAMESPACE}/{@code rows_<table>}.
 */
public final class WriteParquetShards extends PTransform<PCollection<Row>, PCollection<String>> {

  private static final long serialVersionUID = 1L;

  /** Namespace of the row counters. */
  public static final String METRICS_NAMESPACE = "quarry";

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
    TupleTag<Row> rowsTag = new TupleTag<>() {};
    TupleTag<Integer> shardTag = new TupleTag<>() {};
    PCollection<KV<Integer, Row>> keyed =
        rows.apply("AssignShard", ParDo.of(new AssignShardFn(shardOf, numShards)))
            .setCoder(KvCoder.of(VarIntCoder.of(), org.apache.beam.sdk.coders.RowCoder.of(schema)));
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

  /** Keys each row by its shard index; rejects indexes outside {@code [0, numShards)}. */
  static final class AssignShardFn extends DoFn<Row, KV<Integer, Row>> {
    private static final long serialVersionUID = 1L;
    private final SerializableFunction<Row, Integer> shardOf;
    private final int numShards;

    AssignShardFn(SerializableFunction<Row, Integer> shardOf, int numShards) {
      this.shardOf = shardOf;
      this.numShards = numShards;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<Integer, Row>> out) {
      int shard = shardOf.apply(row);
      if (shard < 0 || shard >= numShards) {
        throw new IllegalStateException("Shard " + shard + " outside [0, " + numShards + ") for row " + row);
      }
      out.output(KV.of(shard, row));
    }
  }

  /** Sorts one shard's rows and writes its file; outputs the file's path. */
  static final class WriteShardFn extends DoFn<KV<Integer, CoGbkResult>, String> {
    private static final long serialVersionUID = 1L;
    private final Domain.Table table;
    private final String outputDir;
    private final int numShards;
    private final TupleTag<Row> rowsTag;
    private final Counter rowsWritten;

    WriteShardFn(Domain.Table table, String outputDir, int numShards, TupleTag<Row> rowsTag) {
      this.table = table;
      this.outputDir = outputDir;
      this.numShards = numShards;
      this.rowsTag = rowsTag;
      this.rowsWritten = Metrics.counter(METRICS_NAMESPACE, counterName(table.name()));
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> shard, OutputReceiver<String> out) {
      List<Row> rows = new ArrayList<>();
      shard.getValue().getAll(rowsTag).forEach(rows::add);
      Path file = ParquetShardWriter.shardPath(Path.of(outputDir), table.name(), shard.getKey(), numShards);
      rowsWritten.inc(ParquetShardWriter.writeSorted(file, table, rows));
      out.output(file.toAbsolutePath().toString());
    }
  }
}
