package dev.quarry.core.workspace;

import dev.quarry.core.domain.DomainLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workspace layout: everything Quarry writes lives under one directory (default {@code ./workspace}).
 *
 * <pre>
 * workspace/
 *   seed/&lt;domain&gt;-s&lt;seed&gt;-x&lt;scale&gt;/      Parquet seed data, one folder per table, + manifest.json
 *   seed/&lt;domain&gt;-s&lt;seed&gt;-x&lt;scale&gt;-fuzzed/  an imported domain's test-suite database for that seed
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

  /**
   * Test-suite database of an imported domain for a test-suite seed: its snapshot fuzzed with that seed, beside the
   * seed folders but never one of them (a snapshot taken with {@code --seed} of the same number keeps its own).
   */
  public Path fuzzedDir(String domain, long seed, int scale) {
    return root.resolve("seed").resolve(dataKey(domain, seed, scale) + "-fuzzed");
  }

  /** Dataset output directory for a domain, seed and scale. */
  public Path datasetDir(String domain, long seed, int scale) {
    return root.resolve("datasets").resolve(dataKey(domain, seed, scale));
  }

  /** Cache directory (DuckDB extension directory and the like). */
  public Path cacheDir() {
    return root.resolve("cache");
  }

  /**
   * {@code <name>-s<seed>-x<scale>}, where {@code <name>} is the domain's {@code name}: a built-in name as given, a
   * domain file's {@code name} field (not the folder the file lives in, so two domain files in one folder get their
   * own outputs).
   *
   * @throws IllegalArgumentException if the domain file cannot be loaded, or its name is not usable as a folder
   *     name (letters, digits, {@code _}, {@code -}, {@code .}; not {@code .} or {@code ..})
   */
  public static String dataKey(String domain, long seed, int scale) {
    return domainName(domain) + "-s" + seed + "-x" + scale;
  }

  /** The name outputs of {@code domain} (a built-in name or a domain file path) are filed under. */
  public static String domainName(String domain) {
    String d = domain;
    if (d.endsWith(".json") || Files.isRegularFile(Path.of(d))) {
      d = DomainLoader.load(d).name();
    }
    if (!d.matches("[A-Za-z0-9_.-]+") || d.equals(".") || d.equals("..")) {
      throw new IllegalArgumentException("Domain name '" + d + "' cannot name an output folder: use letters, digits,"
          + " '_', '-' or '.'");
    }
    return d;
  }
}
