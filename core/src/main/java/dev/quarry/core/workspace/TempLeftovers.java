package dev.quarry.core.workspace;

import dev.quarry.core.duckdb.NativeLibraryCopies;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.core.sql.SupervisedSqlExecutor;
import java.nio.file.Path;

/**
 * What killed Quarry processes leave in the temporary folder, removed when the next one starts: DuckDB's native
 * library copies ({@link NativeLibraryCopies}) and the scratch folders of in-process sandboxes and SQL workers
 * whose owner process is gone ({@link ScratchDirs}). Scratch folders inside the workspace are cleaned the same way
 * by the code that creates them.
 */
public final class TempLeftovers {

  private TempLeftovers() {}

  /**
   * Removes stale leftovers from {@code java.io.tmpdir}. Never throws.
   *
   * @return number of files and folders removed
   */
  public static int removeStale() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    int removed = NativeLibraryCopies.removeUnused(tmp).size();
    removed += ScratchDirs.removeStale(tmp, SqlSandbox.SCRATCH_PREFIX);
    removed += ScratchDirs.removeStale(tmp, SupervisedSqlExecutor.SCRATCH_PREFIX);
    return removed;
  }
}
