package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.workspace.CodeVersion;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code quarry -V} prints the code version the manifests record: the git commit, never "+unknown". */
class VersionTest {

  @Test
  void versionOptionPrintsTheCommitTheJarWasBuiltFrom() {
    ConsoleCapture.Captured version = ConsoleCapture.run(() -> QuarryCli.execute("-V"));
    assertThat(version.exitCode()).isZero();
    String printed = version.stdout().trim();
    assertThat(printed).isEqualTo("quarry " + CodeVersion.full()).doesNotContain("unknown");
    if (insideGit()) {
      assertThat(printed).matches("quarry \\S+\\+[0-9a-f]{7}");
    } else {
      assertThat(printed).endsWith("(built outside git)");
    }
  }

  /** Whether the tests run inside a git checkout (a .git directory or worktree file above the working dir). */
  private static boolean insideGit() {
    for (var d = java.nio.file.Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) {
        return true;
      }
    }
    return false;
  }
}
