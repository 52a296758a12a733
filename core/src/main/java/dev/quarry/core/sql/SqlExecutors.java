package dev.quarry.core.sql;

import dev.quarry.core.domain.Domain;
import java.nio.file.Path;

/** Opens the {@link SqlExecutor} that {@link SandboxSettings#isolation()} asks for. */
public final class SqlExecutors {

  private SqlExecutors() {}

  /**
   * Opens an executor over {@code seedDir}: a {@link SupervisedSqlExecutor} with
   * {@link WorkerLimits#forSettings} for {@link SandboxSettings.Isolation#PROCESS}, a {@link SqlSandbox} for
   * {@link SandboxSettings.Isolation#IN_PROCESS}.
   *
   * @param domain the domain
   * @param seedDir directory holding {@code <table>/*.parquet} for every domain table
   * @param settings the sandbox settings
   * @return an open executor; close it when done
   * @throws IllegalArgumentException if a table directory is missing or lacks a column
   * @throws IllegalStateException if the database or the worker cannot be opened
   */
  public static SqlExecutor open(Domain domain, Path seedDir, SandboxSettings settings) {
    return switch (settings.isolation()) {
      case PROCESS -> SupervisedSqlExecutor.open(domain, seedDir, settings, WorkerLimits.forSettings(settings));
      case IN_PROCESS -> SqlSandbox.open(domain, seedDir, settings);
    };
  }
}
