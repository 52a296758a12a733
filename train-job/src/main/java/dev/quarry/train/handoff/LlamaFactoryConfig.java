package dev.quarry.train.handoff;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a LLaMA-Factory SFT training config (YAML, for {@code llamafactory-cli train <file>}) from a
 * {@link JobSpec}, using the dataset's own {@code dataset_info.json} as LLaMA-Factory's dataset registry.
 *
 * <p>Keys follow LLaMA-Factory's argument classes ({@code src/llamafactory/hparams/model_args.py},
 * {@code data_args.py}, {@code finetuning_args.py}) and its {@code examples/train_qlora/*.yaml}:
 * {@code model_name_or_path}, {@code quantization_bit} (4, QLoRA only), {@code stage: sft}, {@code do_train},
 * {@code finetuning_type: lora}, {@code lora_rank}, {@code lora_alpha}, {@code lora_dropout},
 * {@code lora_target} (comma-separated), {@code dataset} / {@code eval_dataset} (names in
 * {@code dataset_info.json}), {@code dataset_dir}, {@code template}, {@code cutoff_len},
 * {@code per_device_train_batch_size}, {@code learning_rate}, {@code num_train_epochs}, {@code seed},
 * {@code output_dir}.
 */
public final class LlamaFactoryConfig {

  private LlamaFactoryConfig() {}

  /** The YAML text. */
  public static String render(JobSpec spec) {
    Map<String, Object> y = new LinkedHashMap<>();
    y.put("model_name_or_path", spec.baseModel());
    if (spec.lora().loadIn4bit()) {
      y.put("quantization_bit", 4);
      y.put("quantization_method", "bitsandbytes");
    }
    y.put("stage", "sft");
    y.put("do_train", true);
    y.put("finetuning_type", "lora");
    y.put("lora_rank", spec.lora().r());
    y.put("lora_alpha", AxolotlConfig.number(spec.lora().alpha()));
    y.put("lora_dropout", spec.lora().dropout());
    y.put("lora_target", String.join(",", spec.lora().targetModules()));
    y.put("dataset", spec.dataset().llamaFactoryTrain());
    if (spec.dataset().llamaFactoryEval() != null) {
      y.put("eval_dataset", spec.dataset().llamaFactoryEval());
    }
    y.put("dataset_dir", spec.dataset().dir());
    y.put("template", spec.training().chatTemplate());
    y.put("cutoff_len", spec.training().maxSeqLen());
    y.put("per_device_train_batch_size", spec.training().batchSize());
    y.put("gradient_accumulation_steps", 1);
    y.put("learning_rate", spec.training().learningRate());
    y.put("num_train_epochs", (double) spec.training().epochs());
    y.put("lr_scheduler_type", "cosine");
    y.put("seed", spec.training().seed());
    y.put("output_dir", spec.outputDir());
    return "# LLaMA-Factory config written by Quarry for model " + spec.modelId() + "\n" + Yaml.render(y);
  }
}
