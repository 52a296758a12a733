package dev.quarry.core.domain.init;

import dev.quarry.core.domain.ColumnRole;

/**
 * A column role guessed by {@link RoleInference}.
 *
 * @param role the role
 * @param confidence how sure, 0..1 (two decimals)
 * @param evidence why, in words: the type, cardinality, uniqueness and name facts used
 */
public record RoleGuess(ColumnRole role, double confidence, String evidence) {}
