package dev.quarry.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The code version comes from git at build time, or says plainly that the build ran outside git. */
class CodeVersionTest {

  /** {@code git rev-parse HEAD} of the checkout the tests run in, if this is one and git is installed. */
  static Optional<String> gitHead() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")
          ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Test
  void builtInAGitCheckoutTheVersionNamesItsCommit() {
    Optional<String> head = gitHead();
    assumeTrue(head.isPresent(), "not run in a git checkout (or git is missing)");
    // Built in this Maven run from this checkout (this module's own classes), so the commit is HEAD's.
    assertThat(CodeVersion.commit()).matches("[0-9a-f]{7}");
    assertThat(head.get()).startsWith(CodeVersion.commit());
    assertThat(CodeVersion.full()).isEqualTo(CodeVersion.projectVersion() + "+" + CodeVersion.commit())
        .doesNotContain("unknown");
  }

  @Test
  void aBuildOutsideGitSaysSo() {
    for (String marker : new String[] {"outside-git", "${buildNumber}", "", "UNKNOWN"}) {
      Properties p = props("0.1.0-SNAPSHOT", marker);
      assertThat(CodeVersion.commitOf(p)).as(marker).isEqualTo(CodeVersion.OUTSIDE_GIT);
      assertThat(CodeVersion.fullOf(p)).as(marker).isEqualTo("0.1.0-SNAPSHOT (built outside git)");
    }
    assertThat(CodeVersion.fullOf(props("1.2.3", "6810705"))).isEqualTo("1.2.3+6810705");
  }

  private static Properties props(String version, String commit) {
    Properties p = new Properties();
    p.setProperty("version", version);
    p.setProperty("commit", commit);
    return p;
  }
}
