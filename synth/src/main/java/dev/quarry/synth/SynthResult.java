package dev.quarry.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What the synth pipeline wrote.
 *
 * @param counts manifest counts: {@code candidates}, {@code kept_pairs}, {@code distinct_sql},
 *     {@code kept_by_split}, {@code kept_by_family}, {@code kept_by_hardness}, {@code dropped_by_reason},
 *     {@code dropped_by_step}
 * @param rowsByFile records per written file, by path relative to the output directory
 */
public record SynthResult(ObjectNode counts, Map<String, Long> rowsByFile) {}
