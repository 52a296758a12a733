package dev.quarry.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import dev.quarry.core.workspace.StageRunner;
import dev.quarry.train.model.AdamOptimizer;
import dev.quarry.train.model.TransformerModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Atomic checkpoints in {@code <work>/checkpoints/}: each is a directory {@code step-<n>} with
 * {@code parameters.bin}, {@code optimizer.bin} (Adam moments and update count) and {@code state.json}
 * ({@link TrainState}: epoch, batch in epoch, step, tokens, early-stopping counters; the RNG state is
 * derived from seed and step, see {@link DjlTrainer}). It is written to a temp directory and renamed, then
 * {@code LATEST} is replaced atomically; older checkpoints are deleted afterwards. A kill at any moment
 * leaves the previous checkpoint usable.
 */
public final class Checkpoints {

  /** A loaded checkpoint. */
  public record Loaded(TrainState state, Path dir) {}

  private Checkpoints() {}

  /** Saves a checkpoint for the current step. */
  public static void save(Path ckDir, TransformerModel model, AdamOptimizer adam, TrainState st) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      String name = String.format("step-%09d", st.step);
      Path tmp = Files.createTempDirectory(ckDir, ".tmp-");
      model.save(tmp.resolve(ModelFiles.PARAMETERS));
      Files.write(tmp.resolve("optimizer.bin"), adam.state().encode());
      ModelFiles.JSON.writeValue(tmp.resolve("state.json").toFile(), st);
      Path dest = ckDir.resolve(name);
      StageRunner.deleteRecursively(dest);
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
      Path latestTmp = Files.createTempFile(ckDir, ".latest", "");
      Files.writeString(latestTmp, name);
      Files.move(latestTmp, ckDir.resolve("LATEST"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (var s = Files.list(ckDir)) {
        s.filter(p -> p.getFileName().toString().startsWith("step-") && !p.getFileName().toString().equals(name))
            .forEach(StageRunner::deleteRecursively);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write checkpoint in " + ckDir, e);
    }
  }

  /** Loads the latest checkpoint into {@code model} and {@code adam}; null when there is none. */
  public static Loaded loadLatest(Path ckDir, TransformerModel model, AdamOptimizer adam) {
    Path latest = ckDir.resolve("LATEST");
    if (!Files.isRegularFile(latest)) {
      return null;
    }
    try {
      Path dir = ckDir.resolve(Files.readString(latest).trim());
      TransformerModel saved = TransformerModel.load(model.config(), model.manager(), dir.resolve(ModelFiles.PARAMETERS));
      for (Map.Entry<String, ai.djl.ndarray.NDArray> e : model.parameters().entrySet()) {
        ai.djl.ndarray.NDArray src = saved.parameters().get(e.getKey());
        if (src == null) {
          throw new IllegalArgumentException("Checkpoint " + dir + " lacks parameter " + e.getKey()
              + " (was it trained with another --d-model/--layers?)");
        }
        e.getValue().set(src.toFloatArray());
      }
      saved.close();
      adam.restore(NDList.decode(model.manager(), Files.readAllBytes(dir.resolve("optimizer.bin"))));
      TrainState st = ModelFiles.JSON.readValue(dir.resolve("state.json").toFile(), TrainState.class);
      return new Loaded(st, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read checkpoint in " + ckDir, e);
    }
  }
}
