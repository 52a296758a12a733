package dev.quarry.train.handoff;

import java.util.List;

/**
 * LoRA / QLoRA adapter settings handed to the external trainer.
 *
 * <p>LoRA: Hu et al., "LoRA: Low-Rank Adaptation of Large Language Models" (2021) — rank {@code r}, scaling
 * {@code alpha / r}. QLoRA: Dettmers et al., "QLoRA: Efficient Finetuning of Quantized LLMs" (2023) — the frozen
 * base model is loaded in 4-bit NF4 and the adapters are trained on top.
 *
 * @param r adapter rank (1..1024)
 * @param alpha LoRA alpha (scaling numerator, &gt; 0)
 * @param dropout dropout on the adapter input, in [0, 1)
 * @param targetModules names of the linear layers that get adapters (e.g. {@code q_proj}); non-empty
 * @param loadIn4bit load the base model in 4-bit (QLoRA) rather than 16-bit (plain LoRA)
 */
public record LoraSettings(int r, double alpha, double dropout, List<String> targetModules, boolean loadIn4bit) {

  /** Default rank ({@code --lora-r}). */
  public static final int DEFAULT_R = 16;
  /** Default alpha ({@code --lora-alpha}). */
  public static final double DEFAULT_ALPHA = 32;
  /** Default adapter dropout ({@code --lora-dropout}). */
  public static final double DEFAULT_DROPOUT = 0.05;
  /** Default 4-bit loading ({@code --[no-]load-in-4bit}): QLoRA. */
  public static final boolean DEFAULT_LOAD_IN_4BIT = true;
  /**
   * Default target modules, comma-separated as on the command line ({@code --lora-targets}): every attention
   * and MLP projection of Llama/Qwen/Mistral-style decoders.
   */
  public static final String DEFAULT_TARGET_NAMES = "q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj";

  /** {@link #DEFAULT_TARGET_NAMES} as a list. */
  public static final List<String> DEFAULT_TARGETS = List.of(DEFAULT_TARGET_NAMES.split(","));

  /** Defaults: r=16, alpha=32, dropout=0.05, all projections, 4-bit on (the {@code DEFAULT_*} constants). */
  public static LoraSettings defaults() {
    return new LoraSettings(DEFAULT_R, DEFAULT_ALPHA, DEFAULT_DROPOUT, DEFAULT_TARGETS, DEFAULT_LOAD_IN_4BIT);
  }

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException naming the option ({@code --lora-r}, …) that is out of range
   */
  public LoraSettings {
    if (r < 1 || r > 1024) {
      throw new IllegalArgumentException("--lora-r must be between 1 and 1024, got " + r);
    }
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("--lora-alpha must be > 0, got " + alpha);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("--lora-dropout must be in [0, 1), got " + dropout);
    }
    if (targetModules == null || targetModules.isEmpty()) {
      throw new IllegalArgumentException("--lora-targets must name at least one module");
    }
    for (String m : targetModules) {
      if (m == null || !m.matches("[A-Za-z0-9_.]+")) {
        throw new IllegalArgumentException("--lora-targets: invalid module name '" + m + "' (letters, digits, _ and . only)");
      }
    }
    targetModules = List.copyOf(targetModules);
  }

  /** {@code qlora} when 4-bit, else {@code lora} (axolotl's {@code adapter} values). */
  public String adapter() {
    return loadIn4bit ? "qlora" : "lora";
  }
}
