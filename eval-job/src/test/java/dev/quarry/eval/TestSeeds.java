package dev.quarry.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.quarry.core.parquet.ParquetRowCounts;
import dev.quarry.core.workspace.StageRunner;
import dev.quarry.seed.SeedOptions;
import dev.quarry.seed.SeedPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Seed databases for tests: generated once per JVM (scale 1) with a manifest, as the seed stage writes them. */
public final class TestSeeds {

  private static final Map<Long, Path> CACHE = new HashMap<>();
  private static Path root;

  private TestSeeds() {}

  /** The seed directory for {@code seed} (scale 1, education), generating it on first use. */
  public static synchronized Path seed(long seed) {
    return CACHE.computeIfAbsent(seed, s -> {
      try {
        if (root == null) {
          root = Files.createTempDirectory("quarry-eval-seeds");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path out = root.resolve("education-s" + s + "-x1");
      Map<String, Object> options = new LinkedHashMap<>();
      options.put("seed", s);
      StageRunner.run(new StageRunner.StageRequest("seed", "test", options, s, Map.of(), false), out, tmp -> {
        SeedOptions o = PipelineOptionsFactory.as(SeedOptions.class);
        o.setOutputDir(tmp.toString());
        o.setSeed(s);
        o.setScale(1);
        o.setDomain("education");
        SeedPipeline.run(o);
        return new StageRunner.StageOutput(JsonNodeFactory.instance.objectNode(), ParquetRowCounts.byFile(tmp));
      });
      return out;
    });
  }
}
