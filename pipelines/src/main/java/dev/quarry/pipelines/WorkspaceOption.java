package dev.quarry.pipelines;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --workspace} option (a picocli {@code @Mixin}), declared once for every command that reads or
 * writes a workspace: directly ({@code report}, {@code schedule}, {@code bench scale}) or through
 * {@link DataOptions}.
 */
public final class WorkspaceOption {

  /** Default workspace directory, relative to the current directory. */
  public static final String DEFAULT = "workspace";

  @Option(names = "--workspace", paramLabel = "DIR", defaultValue = DEFAULT,
      description = "Workspace directory for all outputs (default: ${DEFAULT-VALUE}).")
  Path dir;

  /** For picocli. */
  public WorkspaceOption() {}

  /** The option set to {@code dir}, for jobs built in code. */
  static WorkspaceOption of(Path dir) {
    WorkspaceOption o = new WorkspaceOption();
    o.dir = dir;
    return o;
  }

  /** The workspace directory, absolute and normalized. */
  public Path path() {
    return dir.toAbsolutePath().normalize();
  }
}
