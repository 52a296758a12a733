package dev.quarry.core.workspace;

import java.nio.file.Path;

/**
 * The workspace layout: everything Quarry writes lives under one directory (default {@code ./workspace}).
 *
 * <pre>
 * workspace/
 *   seed/&lt;domain&gt;-s&lt;seed&gt;-x&lt;scale&gt;/      Parquet seed data, one folder per table, + manifest.json
 *   datasets/&lt;domain&gt;-s&lt;seed&gt;-x&lt;scale&gt;/  NL→SQL shards (JSONL + Parquet), dataset_info.json, + manifest.json
 *   cache/                                  DuckDB extension directory and other caches
 * </pre>
 *
 * @param root the workspace directory
 */
public record Workspace(Path root) {

  /** Seed output directory for a domain, seed and scale. */
  public Path seedDir(String domain, long seed, int scale) {
    return root.resolve("seed").resolve(dataKey(domain, seed, scale));
  }

  /** Dataset output directory for a domain, seed and scale. */
  public Path datasetDir(String domain, long seed, int scale) {
    return root.resolve("datasets").resolve(dataKey(domain, seed, scale));
  }

  /** Cache directory (DuckDB extension directory and the like). */
  public Path cacheDir() {
    return root.resolve("cache");
  }

  /** {@code <domain>-s<seed>-x<scale>}; a domain given as a file path contributes its file's parent name. */
  public static String dataKey(String domain, long seed, int scale) {
    String d = domain;
    if (d.endsWith(".json")) {
      Path p = Path.of(d).toAbsolutePath().getParent();
      d = p == null ? "custom" : p.getFileName().toString();
    }
    return d + "-s" + seed + "-x" + scale;
  }
}
