package dev.quarry.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.workspace.StageRunner;
import dev.quarry.train.model.ModelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decides whether a training run continues an interrupted one. The work directory
 * ({@code models/.work-<model-id>/}) holds the checkpoints and {@value #FILE}: the inputs and settings that
 * determine the trained parameters (dataset manifest SHA-256, domain, model shape with vocabulary size,
 * optimizer and schedule, evaluation sampling, seed). A new run whose fingerprint equals the stored one resumes
 * from the last checkpoint: training is deterministic from seed and step, so it ends with the parameters an
 * uninterrupted run would have had. A different fingerprint discards the old checkpoints (and says which
 * settings differ) unless the caller insists on resuming.
 */
public final class InterruptedRun {

  /** File name of the fingerprint in the work directory. */
  public static final String FILE = "run-fingerprint.json";

  /**
   * What to do with the work directory.
   *
   * @param resume true: load the last checkpoint; false: start from step 0 on an emptied work directory
   * @param message one line for the log, or null when there was nothing to decide (no earlier run)
   */
  public record Decision(boolean resume, String message) {}

  private InterruptedRun() {}

  /**
   * The fingerprint of a run: a JSON object of every input and setting that changes the trained parameters.
   * Checkpoint frequency, the model id, {@code force} and the command line are left out: they do not.
   *
   * @param s the settings
   * @param cfg the model configuration with the vocabulary size set
   * @param datasetManifestSha256 SHA-256 of the dataset's manifest
   * @return the fingerprint
   */
  public static ObjectNode fingerprint(TrainSettings s, ModelConfig cfg, String datasetManifestSha256) {
    ObjectNode n = ModelFiles.JSON.createObjectNode();
    n.put("dataset_manifest_sha256", datasetManifestSha256);
    n.put("domain", s.domain());
    n.set("model", ModelFiles.JSON.valueToTree(cfg));
    n.put("learning_rate", s.optimizer().learningRate());
    n.put("warmup_steps", s.schedule().warmupSteps());
    n.put("batch_size", s.schedule().batchSize());
    n.put("epochs", s.schedule().epochs());
    n.put("max_steps", s.schedule().maxSteps());
    n.put("patience", s.evaluation().patience());
    n.put("clip_norm", s.optimizer().clipNorm());
    n.put("validation_ex_sample", s.evaluation().validationExSample());
    n.put("test_ex_sample", s.evaluation().testExSample());
    n.put("seed", s.seed());
    return n;
  }

  /**
   * Decides, and prepares {@code work}: emptied when the run starts afresh, with {@value #FILE} written
   * (atomically) either way.
   *
   * @param work the work directory (may be absent)
   * @param fingerprint this run's {@link #fingerprint}
   * @param insist true when the user asked to resume ({@code --resume}): a checkpoint with another fingerprint
   *     is then an error instead of being discarded
   * @return the decision
   * @throws IllegalStateException when {@code insist} and the checkpoint belongs to other inputs or settings
   * @throws UncheckedIOException when the directory cannot be read or written
   */
  public static Decision decide(Path work, ObjectNode fingerprint, boolean insist) {
    Path latest = work.resolve("checkpoints").resolve("LATEST");
    Decision d;
    try {
      if (!Files.isRegularFile(latest)) {
        d = new Decision(false, insist ? "resume: no checkpoint in " + work + ", starting from step 0" : null);
      } else {
        Path stored = work.resolve(FILE);
        JsonNode old = Files.isRegularFile(stored) ? ModelFiles.JSON.readTree(stored.toFile()) : null;
        List<String> diff = differences(old, fingerprint);
        String step = Files.readString(latest).trim();
        if (diff.isEmpty()) {
          d = new Decision(true, "resuming the interrupted run from its checkpoint " + step
              + " (same dataset and settings)");
        } else if (insist) {
          throw new IllegalStateException("Cannot resume: the checkpoint in " + work
              + " was made with other inputs or settings (" + String.join(", ", diff) + ")");
        } else {
          d = new Decision(false, "discarding the checkpoint " + step + " of an earlier run with other inputs or "
              + "settings (" + String.join(", ", diff) + "); starting from step 0");
        }
      }
      if (!d.resume()) {
        StageRunner.deleteRecursively(work);
      }
      Files.createDirectories(work);
      Path tmp = Files.createTempFile(work, ".fingerprint", ".tmp");
      ModelFiles.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), fingerprint);
      Files.move(tmp, work.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the training work directory " + work, e);
    }
  }

  /** Names of the fields that differ ("no fingerprint" when the old one is missing). */
  static List<String> differences(JsonNode old, JsonNode now) {
    List<String> out = new ArrayList<>();
    if (old == null) {
      out.add("no fingerprint stored");
      return out;
    }
    for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      // compare the JSON texts: a long read back from the file is an int node, equal in value
      if (old.get(k) == null || !now.get(k).toString().equals(old.get(k).toString())) {
        out.add(k + " " + (old.get(k) == null ? "absent" : old.get(k).toString()) + " -> " + now.get(k));
      }
    }
    for (Iterator<String> it = old.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!now.has(k)) {
        out.add(k + " no longer set");
      }
    }
    return out;
  }
}
