package dev.quarry.synth;

import dev.quarry.synth.generate.Candidate;
import java.io.Serializable;

/**
 * A candidate whose SQL passed validation and executed on the seed data.
 *
 * @param candidate the candidate
 * @param normalizedSql the SQL guard's normalized form
 * @param hardness Spider hardness, lower case
 * @param fingerprint SHA-256 of the canonical result
 * @param rowCount rows in the result
 */
public record ExecutedCandidate(
    Candidate candidate, String normalizedSql, String hardness, String fingerprint, long rowCount)
    implements Serializable {}
