package dev.quarry.train.knn;

import dev.quarry.core.model.GeneratorContext;
import dev.quarry.core.model.SqlGenerator;
import dev.quarry.core.model.SqlGeneratorProvider;
import dev.quarry.core.workspace.Workspace;
import dev.quarry.train.DjlEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --model knn:<dataset dir>}: the nearest-synthetic-question baseline ({@link NearestQuestionGenerator})
 * over the training split of a synth dataset, e.g. {@code knn:workspace/datasets/education-s42-x1}. A relative
 * path that does not exist is tried under the workspace's {@code datasets/} folder, so {@code knn:education-s42-x1}
 * works too. Sentence vectors are cached under {@code <workspace>/cache/encoder/}; the first use of a dataset
 * encodes its questions (about 3 ms each on 2 CPU cores), later uses read the cache.
 */
public final class KnnGeneratorProvider implements SqlGeneratorProvider {

  /** Candidates returned per question. */
  static final int CANDIDATES = 4;

  @Override
  public String scheme() {
    return "knn";
  }

  @Override
  public SqlGenerator open(String location, GeneratorContext context) {
    Path ws = context.workspace();
    Path dir = Path.of(location);
    if (!Files.isDirectory(dir) && !dir.isAbsolute()) {
      dir = ws.resolve("datasets").resolve(location);
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--model knn:" + location + ": no dataset directory " + dir
          + " (give a dataset folder written by quarry synth, e.g. knn:" + ws.resolve("datasets/education-s42-x1") + ")");
    }
    DjlEnvironment.configure(ws);
    Path cache = new Workspace(ws).cacheDir().resolve("encoder");
    long[] last = {System.nanoTime()};
    return NearestQuestionGenerator.build(dir, context.domain(), cache, CANDIDATES, n -> {
      if (System.nanoTime() - last[0] > 10_000_000_000L) {
        System.err.printf("knn: encoded %,d training questions%n", n);
        last[0] = System.nanoTime();
      }
    });
  }
}
