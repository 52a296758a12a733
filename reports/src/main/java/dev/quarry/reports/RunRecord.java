package dev.quarry.reports;

import java.time.Instant;

/**
 * One row of the history's {@code runs} table. Metrics are fractions in 0..1 (NaN when the column is NULL).
 *
 * @param runId {@code <UTC yyyyMMdd'T'HHmmss'Z'>-<model-id>}; sorts chronologically
 * @param startedAt start, UTC
 * @param finishedAt end, UTC
 * @param modelSpec e.g. {@code djl:/path}, {@code gold}
 * @param modelId model id
 * @param bankSha256 SHA-256 of the question bank
 * @param n number of questions
 * @param exStrict execution accuracy, strict (row order and duplicates matter)
 * @param exLenient execution accuracy, lenient
 * @param testSuite test-suite accuracy (Zhong et al. 2020: correct on every test database)
 * @param exactSet exact-set match (Spider)
 * @param validSql fraction of predictions that parse and pass the guard
 * @param runDir the run directory as recorded (absolute, or relative to the workspace or to {@code evals/})
 */
public record RunRecord(
    String runId,
    Instant startedAt,
    Instant finishedAt,
    String modelSpec,
    String modelId,
    String bankSha256,
    int n,
    double exStrict,
    double exLenient,
    double testSuite,
    double exactSet,
    double validSql,
    String runDir) {}
