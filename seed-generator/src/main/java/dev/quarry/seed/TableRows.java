package dev.quarry.seed;

import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * One generated table, ready to be written by {@link dev.quarry.core.parquet.WriteParquetShards}.
 *
 * @param rows the table's rows, with the Beam schema of its domain table
 * @param numShards number of Parquet files to write, at least 1
 * @param shardOf row → shard index in {@code [0, numShards)}, monotone in the table's sort key
 */
public record TableRows(PCollection<Row> rows, int numShards, SerializableFunction<Row, Integer> shardOf) {}
