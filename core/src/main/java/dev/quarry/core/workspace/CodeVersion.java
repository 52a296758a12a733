package dev.quarry.core.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The version of the running code: the Maven project version and the git commit the build ran on.
 *
 * <p>The commit is read at build time by {@code git rev-parse} of HEAD (maven-antrun-plugin in {@code core/pom.xml}),
 * however the build was started ({@code ./quarry}, {@code mvn verify}, an IDE running Maven),
 * into the filtered resource {@code quarry-version.properties}. A build without a git checkout (a source
 * archive) or without git says so: {@link #commit()} is then {@link #OUTSIDE_GIT}.
 */
public final class CodeVersion {

  /** {@link #commit()} of a build that ran outside a git checkout or without git. */
  public static final String OUTSIDE_GIT = "built outside git";

  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}");

  private static final Properties PROPS = load("/quarry-version.properties");

  private CodeVersion() {}

  /** Maven project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String projectVersion() {
    return PROPS.getProperty("version", "unknown");
  }

  /** Short git commit the jar was built from (e.g. {@code 6810705}), or {@link #OUTSIDE_GIT}. */
  public static String commit() {
    return commitOf(PROPS);
  }

  /**
   * {@code <version>+<commit>} (e.g. {@code 0.1.0-SNAPSHOT+6810705}), or {@code <version> (built outside git)};
   * recorded in manifests and printed by {@code quarry -V}.
   */
  public static String full() {
    return fullOf(PROPS);
  }

  /** {@link #full()} for the given version properties. */
  static String fullOf(Properties props) {
    String c = commitOf(props);
    String v = props.getProperty("version", "unknown");
    return v + (c.equals(OUTSIDE_GIT) ? " (" + OUTSIDE_GIT + ")" : "+" + c);
  }

  /** The commit recorded in {@code props}: a hex hash, else {@link #OUTSIDE_GIT} (unfiltered, marker, empty). */
  static String commitOf(Properties props) {
    String c = props.getProperty("commit", "").trim();
    return COMMIT.matcher(c).matches() ? c : OUTSIDE_GIT;
  }

  private static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = CodeVersion.class.getResourceAsStream(resource)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // leave defaults: reported as built outside git
    }
    return p;
  }
}
