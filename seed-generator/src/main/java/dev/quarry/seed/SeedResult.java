package dev.quarry.seed;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a seed run wrote.
 *
 * @param rowCounts rows written per table, in the domain's table order (from the Beam counters
 *     {@code quarry/rows_<table>})
 * @param files the Parquet files written, sorted by path
 */
public record SeedResult(Map<String, Long> rowCounts, List<Path> files) {

  public SeedResult {
    rowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
    files = List.copyOf(files);
  }

  /** Total rows over all tables. */
  public long totalRows() {
    return rowCounts.values().stream().mapToLong(Long::longValue).sum();
  }
}
