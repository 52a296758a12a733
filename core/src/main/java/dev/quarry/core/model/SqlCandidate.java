package dev.quarry.core.model;

/**
 * One SQL candidate produced by a {@link SqlGenerator}.
 *
 * @param sql the SQL text (may be invalid: the caller validates it)
 * @param score model score, higher is better (log-probability for the embedded model; 0 when unknown)
 */
public record SqlCandidate(String sql, double score) {}
