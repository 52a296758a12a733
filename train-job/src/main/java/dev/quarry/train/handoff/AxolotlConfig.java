package dev.quarry.train.handoff;

import dev.quarry.core.dataset.DatasetLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an axolotl training config (YAML) from a {@link JobSpec}.
 *
 * <p>Keys follow axolotl's config reference ({@code docs/config.qmd}, "Config Reference", and
 * {@code docs/dataset-formats/conversation.qmd} for {@code type: chat_template}): {@code base_model},
 * {@code load_in_4bit}, {@code adapter} ({@code qlora}/{@code lora}), {@code lora_r}, {@code lora_alpha},
 * {@code lora_dropout}, {@code lora_target_modules}, {@code sequence_len}, {@code micro_batch_size},
 * {@code num_epochs}, {@code learning_rate}, {@code output_dir}, {@code seed}, and {@code datasets} /
 * {@code test_datasets} entries with {@code path} (the JSONL folder), {@code ds_type: json},
 * {@code data_files} (the shard files), {@code type: chat_template}, {@code field_messages: messages} and
 * {@code message_property_mappings: {role: role, content: content}}. Local JSON files load as a single
 * {@code train} split, hence {@code split: train} on the validation entry. Without a validation split,
 * {@code val_set_size: 0.05} holds out 5 % of the training pairs instead.
 */
public final class AxolotlConfig {

  private AxolotlConfig() {}

  /** The YAML text. */
  public static String render(JobSpec spec) {
    Map<String, Object> y = new LinkedHashMap<>();
    y.put("base_model", spec.baseModel());
    y.put("load_in_4bit", spec.lora().loadIn4bit());
    y.put("adapter", spec.lora().adapter());
    y.put("lora_r", spec.lora().r());
    y.put("lora_alpha", number(spec.lora().alpha()));
    y.put("lora_dropout", spec.lora().dropout());
    y.put("lora_target_modules", spec.lora().targetModules());
    y.put("sequence_len", spec.training().maxSeqLen());
    y.put("micro_batch_size", spec.training().batchSize());
    y.put("gradient_accumulation_steps", 1);
    y.put("num_epochs", spec.training().epochs());
    y.put("learning_rate", spec.training().learningRate());
    y.put("lr_scheduler", "cosine");
    y.put("optimizer", spec.lora().loadIn4bit() ? "paged_adamw_8bit" : "adamw_torch");
    y.put("seed", spec.training().seed());
    y.put("chat_template", "tokenizer_default");
    y.put("datasets", List.of(dataset(spec.dataset(), "train", false)));
    if (spec.dataset().splits().containsKey("validation")) {
      y.put("test_datasets", List.of(dataset(spec.dataset(), "validation", true)));
      y.put("val_set_size", 0.0);
    } else {
      y.put("val_set_size", 0.05);
    }
    y.put("output_dir", spec.outputDir());
    return "# axolotl config written by Quarry for model " + spec.modelId() + "\n" + Yaml.render(y);
  }

  private static Map<String, Object> dataset(JobSpec.Dataset ds, String split, boolean eval) {
    List<String> files = new ArrayList<>(ds.splits().get(split).jsonl());
    String dir = DatasetLayout.jsonlDir(java.nio.file.Path.of(ds.dir()), split).toString();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("path", dir);
    d.put("ds_type", "json");
    d.put("data_files", files);
    if (eval) {
      d.put("split", "train");
    }
    d.put("type", "chat_template");
    d.put("field_messages", "messages");
    Map<String, Object> mapping = new LinkedHashMap<>();
    mapping.put("role", "role");
    mapping.put("content", "content");
    d.put("message_property_mappings", mapping);
    return d;
  }

  /** Integral doubles as longs (axolotl reads {@code lora_alpha} as an int). */
  static Object number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
  }
}
