package dev.quarry.train.handoff;

import java.util.List;
import java.util.Map;

/**
 * Renders {@code MODEL_CARD.md} for a model trained by an external command. Sections follow the Hugging Face
 * model card outline (Mitchell et al., "Model Cards for Model Reporting", FAT* 2019): model details, training
 * data, training procedure, intended use and limitations, and how it was produced.
 */
public final class HandoffModelCard {

  private HandoffModelCard() {}

  /**
   * The Markdown text.
   *
   * @param spec the job spec the command received
   * @param argv the command as run
   * @param outcome its outcome (exit 0)
   * @param outputFiles files the command wrote under {@code output/}, relative paths
   * @param outputBytes their total size in bytes
   * @param codeVersion Quarry's code version
   */
  public static String render(JobSpec spec, List<String> argv, ExternalJob.Outcome outcome, List<String> outputFiles,
      long outputBytes, String codeVersion) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(spec.modelId()).append("\n\n");
    sb.append("Text-to-SQL model fine-tuned by an **external command** (`quarry train --backend command`) from `")
        .append(spec.baseModel()).append("` with ").append(spec.lora().adapter().toUpperCase()).append(".\n\n");
    sb.append("## Model details\n\n");
    row(sb, "Backend", "command (external trainer)");
    row(sb, "Base model", "`" + spec.baseModel() + "`");
    row(sb, "Adapter", spec.lora().adapter() + " (r=" + spec.lora().r() + ", alpha=" + num(spec.lora().alpha())
        + ", dropout=" + num(spec.lora().dropout()) + ", 4-bit base=" + spec.lora().loadIn4bit() + ")");
    row(sb, "Target modules", String.join(", ", spec.lora().targetModules()));
    row(sb, "Artifacts", "`output/` (" + outputFiles.size() + " files, " + outputBytes + " bytes)");
    row(sb, "Produced by", "Quarry " + codeVersion);
    sb.append("\n## Training data\n\n");
    row(sb, "Dataset", "`" + spec.dataset().dir() + "`");
    row(sb, "Dataset manifest SHA-256", "`" + spec.dataset().manifestSha256() + "`");
    for (Map.Entry<String, JobSpec.Split> e : spec.dataset().splits().entrySet()) {
      row(sb, "Split " + e.getKey(), (e.getValue().pairs() == null ? "?" : e.getValue().pairs()) + " pairs in "
          + e.getValue().jsonl().size() + " JSONL shard(s)");
    }
    sb.append("\nEach example is a chat: system prompt with the database schema, the question, and the SQL answer.\n");
    sb.append("\n## Training procedure\n\n");
    row(sb, "Learning rate", num(spec.training().learningRate()));
    row(sb, "Epochs", String.valueOf(spec.training().epochs()));
    row(sb, "Micro batch size", String.valueOf(spec.training().batchSize()));
    row(sb, "Max sequence length", spec.training().maxSeqLen() + " tokens");
    row(sb, "Chat template", spec.training().chatTemplate());
    row(sb, "Seed", String.valueOf(spec.training().seed()));
    row(sb, "Command", "`" + String.join(" ", argv).replace("`", "'") + "`");
    row(sb, "Exit status", outcome.exitCode() + " after " + outcome.wall().toSeconds() + " s (limit "
        + spec.timeLimitSeconds() + " s)");
    sb.append("\nThe exact settings are in `job_spec.json`, `axolotl.yaml` and `llamafactory.yaml`; the command's "
        + "output is in `external.log`. Paths inside them name the temporary folder the job ran in.\n");
    sb.append("\n## Intended use and limitations\n\n");
    sb.append("Translates questions about this district's data into DuckDB SQL over the schema in the system "
        + "prompt. It was trained only on synthetic questions generated from templates; measure it with "
        + "`quarry eval` before relying on it, and run its SQL only through Quarry's validated, read-only "
        + "sandbox.\n");
    return sb.toString();
  }

  private static void row(StringBuilder sb, String k, String v) {
    sb.append("- **").append(k).append("**: ").append(v).append('\n');
  }

  private static String num(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
