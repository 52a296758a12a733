package dev.quarry.core.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of the running code: the Maven project version and, when the build knew it, the git
 * commit ({@code -Dquarry.commit=...} at build time; the {@code ./quarry} launcher passes it).
 */
public final class CodeVersion {

  private static final Properties PROPS = load();

  private CodeVersion() {}

  /** Maven project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String projectVersion() {
    return PROPS.getProperty("version", "unknown");
  }

  /** Git commit the jar was built from, or {@code unknown}. */
  public static String commit() {
    String c = PROPS.getProperty("commit", "");
    return c.isBlank() || c.startsWith("${") ? "unknown" : c;
  }

  /** {@code <version>+<commit>}, as recorded in manifests. */
  public static String full() {
    return projectVersion() + "+" + commit();
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = CodeVersion.class.getResourceAsStream("/quarry-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // leave defaults
    }
    return p;
  }
}
