package dev.quarry.train.handoff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.workspace.CodeVersion;
import dev.quarry.core.workspace.Manifests;
import dev.quarry.core.workspace.StageFailedException;
import dev.quarry.core.workspace.StageRunner;
import dev.quarry.train.ModelFiles;
import dev.quarry.train.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code quarry train --backend command}: hands the dataset shards to an external (GPU) fine-tuning command.
 *
 * <p>Steps: verify the dataset ({@link DatasetShards#read}); then, through {@link StageRunner} (temporary folder
 * {@code models/.tmp-<id>-<uuid>}, renamed to {@code models/<id>} only when complete), write
 * {@code job_spec.json}, {@code axolotl.yaml} and {@code llamafactory.yaml}, run the {@link CommandTemplate}
 * with {@code {output}} = {@code <tmp>/output} under the time limit ({@link ExternalJob}), and on exit 0 add
 * {@code external.log}, {@code config.json} ({@code {"backend":"command", …}}), {@code MODEL_CARD.md} and the
 * manifest (the layout {@link ModelFiles} defines for every backend), then point {@code models/latest} at it ({@link ModelRegistry#markLatest}). A non-zero exit, a
 * timeout, or an exit 0 that left {@code {output}} empty removes the temporary folder: no model is registered,
 * and the output stays in {@code models/.logs/<id>-<UTC time>.log}.
 *
 * <p>A registered model with the same fingerprint (dataset manifest + every setting except the time limit
 * and log prefix) is reused unless {@code force}; it is still marked latest.
 */
public final class HandoffTrainer {

  /** Stage name recorded in the manifest. */
  public static final String STAGE = "train";

  private static final Logger LOG = LoggerFactory.getLogger("quarry");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private HandoffTrainer() {}

  /**
   * Runs the hand-off (see class comment).
   *
   * @return the outcome; FAILED / TIMED_OUT results carry the exit code and the log file
   * @throws IllegalArgumentException on bad settings or a missing dataset directory, naming the option
   * @throws dev.quarry.core.workspace.InvalidOutputException if the dataset does not verify, naming the file
   * @throws StageFailedException if anything else fails (e.g. the command cannot be started)
   */
  public static HandoffResult run(HandoffSettings s) {
    DatasetShards.requireDirectory(s.datasetDir());
    DatasetShards shards = DatasetShards.read(s.datasetDir());
    String modelId = s.effectiveModelId();
    Path modelsDir = s.modelsDir().toAbsolutePath().normalize();
    Path modelDir = modelsDir.resolve(modelId);
    CommandTemplate template = CommandTemplate.parse(s.commandTemplate());
    StageRunner.ensureWritable(modelsDir);
    Path logFile = modelsDir.resolve(".logs")
        .resolve(modelId + "-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + ".log");

    StageRunner.StageRequest req = new StageRunner.StageRequest(STAGE, s.commandLine(), options(s, modelId),
        s.seed(), Map.of("dataset", shards.dir()), s.force());
    ExternalJob.Outcome[] outcome = new ExternalJob.Outcome[1];
    try {
      StageRunner.StageResult r = StageRunner.run(req, modelDir, tmp -> {
        Files.createDirectories(logFile.getParent());
        return runInto(tmp, s, shards, modelId, modelDir, template, logFile, outcome);
      });
      ModelRegistry.markLatest(modelsDir, modelId);
      if (r.skipped()) {
        return new HandoffResult(HandoffResult.Status.SKIPPED, modelId, modelDir, null, Duration.ZERO, null, List.of());
      }
      ExternalJob.Outcome o = outcome[0];
      return new HandoffResult(HandoffResult.Status.SUCCEEDED, modelId, modelDir, o.exitCode(), o.wall(), logFile,
          o.tail());
    } catch (StageFailedException e) {
      if (e.getCause() instanceof ExternalJobFailedException f) {
        ExternalJob.Outcome o = f.outcome();
        HandoffResult.Status st = o.timedOut() ? HandoffResult.Status.TIMED_OUT : HandoffResult.Status.FAILED;
        LOG.error("train: {}", f.getMessage());
        return new HandoffResult(st, modelId, null, o.exitCode(), o.wall(), logFile, o.tail());
      }
      throw e;
    }
  }

  private static StageRunner.StageOutput runInto(Path tmp, HandoffSettings s, DatasetShards shards, String modelId,
      Path modelDir, CommandTemplate template, Path logFile, ExternalJob.Outcome[] outcomeOut) throws Exception {
    Path output = tmp.resolve(ModelFiles.OUTPUT_DIR);
    Files.createDirectories(output);
    Path specFile = tmp.resolve(ModelFiles.JOB_SPEC);
    Path axolotl = tmp.resolve(ModelFiles.AXOLOTL_CONFIG);
    Path llamaFactory = tmp.resolve(ModelFiles.LLAMAFACTORY_CONFIG);
    JobSpec spec = JobSpec.of(s, shards, modelId, output, modelDir, axolotl, llamaFactory);
    Manifests.JSON.writeValue(specFile.toFile(), spec);
    Files.writeString(axolotl, AxolotlConfig.render(spec), StandardCharsets.UTF_8);
    Files.writeString(llamaFactory, LlamaFactoryConfig.render(spec), StandardCharsets.UTF_8);

    Map<String, String> values = new LinkedHashMap<>();
    values.put("spec", specFile.toString());
    values.put("dataset", shards.dir().toString());
    values.put("output", output.toString());
    values.put("model_id", modelId);
    values.put("axolotl", axolotl.toString());
    values.put("llamafactory", llamaFactory.toString());
    List<String> argv = template.expand(values);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QUARRY_SPEC", values.get("spec"));
    env.put("QUARRY_DATASET", values.get("dataset"));
    env.put("QUARRY_OUTPUT", values.get("output"));
    env.put("QUARRY_MODEL_ID", modelId);
    env.put("QUARRY_AXOLOTL_CONFIG", values.get("axolotl"));
    env.put("QUARRY_LLAMAFACTORY_CONFIG", values.get("llamafactory"));

    LOG.info("train: running external command {} (time limit {}, log {})", argv, s.timeLimit(), logFile);
    String prefix = s.logPrefix();
    ExternalJob.Outcome o = ExternalJob.run(argv, env, s.timeLimit(), logFile, line -> LOG.info("{}", line), prefix);
    outcomeOut[0] = o;
    if (o.timedOut()) {
      throw new ExternalJobFailedException("external command exceeded the time limit of " + s.timeLimit()
          + " and was killed (exit code " + o.exitCode() + "); no model registered; log: " + logFile, o, logFile);
    }
    if (o.exitCode() != 0) {
      throw new ExternalJobFailedException("external command exited with code " + o.exitCode()
          + "; no model registered; log: " + logFile, o, logFile);
    }
    List<Path> files = listFiles(output);
    if (files.isEmpty()) {
      throw new ExternalJobFailedException("external command exited 0 but wrote nothing into {output} (" + output
          + "); a scheduler must wait for the job, e.g. 'sbatch --wait'; no model registered; log: " + logFile,
          o, logFile);
    }
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    Files.copy(logFile, tmp.resolve(ModelFiles.EXTERNAL_LOG), StandardCopyOption.REPLACE_EXISTING);
    List<String> rel = files.stream().map(f -> output.relativize(f).toString().replace('\\', '/')).toList();
    Files.writeString(tmp.resolve(ModelFiles.CARD),
        HandoffModelCard.render(spec, argv, o, rel, bytes, CodeVersion.full()), StandardCharsets.UTF_8);
    Manifests.JSON.writeValue(tmp.resolve(ModelFiles.CONFIG).toFile(), config(spec, s, argv, o, rel.size(), bytes));

    ObjectNode counts = Manifests.JSON.createObjectNode();
    counts.put("exit_code", o.exitCode());
    counts.put("external_wall_ms", o.wall().toMillis());
    counts.put("output_files", rel.size());
    counts.put("output_bytes", bytes);
    return new StageRunner.StageOutput(counts, Map.of());
  }

  private static ObjectNode config(JobSpec spec, HandoffSettings s, List<String> argv, ExternalJob.Outcome o,
      int files, long bytes) {
    ObjectNode c = Manifests.JSON.createObjectNode();
    c.put(ModelFiles.BACKEND_FIELD, ModelFiles.Backend.COMMAND.id());
    c.put("model_id", spec.modelId());
    c.put("base_model", spec.baseModel());
    c.set("lora", Manifests.JSON.valueToTree(spec.lora()));
    c.set("training", Manifests.JSON.valueToTree(spec.training()));
    c.put("dataset", spec.dataset().dir());
    c.put("dataset_manifest_sha256", spec.dataset().manifestSha256());
    c.put("command_template", s.commandTemplate());
    c.set("command", Manifests.JSON.valueToTree(argv));
    c.put("exit_code", o.exitCode());
    c.put("wall_time_ms", o.wall().toMillis());
    c.put("time_limit_seconds", spec.timeLimitSeconds());
    c.put("artifacts_dir", ModelFiles.OUTPUT_DIR);
    c.put("artifact_files", files);
    c.put("artifact_bytes", bytes);
    c.put("spec", ModelFiles.JOB_SPEC);
    c.put("axolotl_config", ModelFiles.AXOLOTL_CONFIG);
    c.put("llamafactory_config", ModelFiles.LLAMAFACTORY_CONFIG);
    return c;
  }

  /** Effective options recorded (and fingerprinted) in the manifest. */
  static Map<String, Object> options(HandoffSettings s, String modelId) {
    Map<String, Object> o = new TreeMap<>();
    o.put("backend", ModelFiles.Backend.COMMAND.id());
    o.put("model-id", modelId);
    o.put("base-model", s.baseModel());
    o.put("lora-r", s.lora().r());
    o.put("lora-alpha", s.lora().alpha());
    o.put("lora-dropout", s.lora().dropout());
    o.put("lora-targets", String.join(",", s.lora().targetModules()));
    o.put("load-in-4bit", s.lora().loadIn4bit());
    o.put("learning-rate", s.learningRate());
    o.put("epochs", s.epochs());
    o.put("batch-size", s.batchSize());
    o.put("max-seq-len", s.maxSeqLen());
    o.put("chat-template", s.chatTemplate());
    o.put("seed", s.seed());
    o.put("command", s.commandTemplate());
    return o;
  }

  private static List<Path> listFiles(Path dir) throws IOException {
    try (Stream<Path> st = Files.walk(dir)) {
      return st.filter(Files::isRegularFile).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
