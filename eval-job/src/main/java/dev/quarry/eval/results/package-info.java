/**
 * The eval stage's records and their single owner: per-question results ({@link
 * dev.quarry.eval.results.QuestionResult}, written and read as {@code results.jsonl} by {@link
 * dev.quarry.eval.results.ResultsJsonl}), metrics, the run directory's file names and reader ({@link
 * dev.quarry.eval.results.RunFiles}) and the history database's schema, writer and readers ({@link
 * dev.quarry.eval.results.HistoryDb}, {@link dev.quarry.eval.results.EvalHistory}, which also says which runs
 * are comparable). The report reads eval output only through this package; it depends on nothing else of the
 * eval-job.
 */
package dev.quarry.eval.results;
