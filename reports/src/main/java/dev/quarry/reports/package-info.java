/**
 * Stage 5, publishing: reads the evaluation history ({@code <workspace>/evals/history.duckdb}) and the run
 * directories ({@code <workspace>/evals/<run-id>/results.jsonl, summary.json}) and writes a static site
 * ({@code <workspace>/reports/}) with trend charts, one page per run, {@code summary.md} and
 * {@code summary.json}. It reads the eval output only through {@link dev.quarry.eval.results}.
 */
package dev.quarry.reports;
