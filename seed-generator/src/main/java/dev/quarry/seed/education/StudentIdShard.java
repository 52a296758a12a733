package dev.quarry.seed.education;

import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.Row;

/**
 * Shards rows by contiguous student-id ranges: ids {@code firstId..firstId+idCount-1} are split into
 * {@code numShards} equal ranges, so shard order follows student-id order (and incident-id order, which
 * is derived from it).
 */
final class StudentIdShard implements SerializableFunction<Row, Integer> {

  private static final long serialVersionUID = 1L;

  private final int firstId;
  private final int idCount;
  private final int numShards;

  StudentIdShard(int firstId, int idCount, int numShards) {
    this.firstId = firstId;
    this.idCount = Math.max(1, idCount);
    this.numShards = numShards;
  }

  @Override
  public Integer apply(Row row) {
    long offset = (long) row.getInt32("student_id") - firstId;
    long shard = offset * numShards / idCount;
    return (int) Math.max(0, Math.min(numShards - 1, shard));
  }
}
