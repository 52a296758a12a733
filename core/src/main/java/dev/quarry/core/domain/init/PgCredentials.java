package dev.quarry.core.domain.init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The user and password for a PostgreSQL source, never taken from the command line: the user from {@code PGUSER}
 * (else the operating-system user), the password from {@code PGPASSWORD}, else from the password file
 * ({@code PGPASSFILE}, else {@code ~/.pgpass}: lines {@code host:port:database:user:password}, {@code *} matches
 * anything, {@code \:} and {@code \\} escape), else none.
 *
 * @param user the user name
 * @param password the password, or null
 */
public record PgCredentials(String user, String password) {

  /** From the process environment and the user's home folder. */
  public static PgCredentials fromEnvironment(SourceSpec spec) {
    return resolve(spec, System.getenv(), Path.of(System.getProperty("user.home")), System.getProperty("user.name"));
  }

  /**
   * Resolves the credentials.
   *
   * @param spec a PostgreSQL source
   * @param env the environment variables
   * @param home the home folder, where {@code .pgpass} is looked up
   * @param osUser the operating-system user, the default user name
   */
  public static PgCredentials resolve(SourceSpec spec, Map<String, String> env, Path home, String osUser) {
    String user = env.getOrDefault("PGUSER", osUser);
    String password = env.get("PGPASSWORD");
    if (password == null) {
      Path file = env.containsKey("PGPASSFILE") ? Path.of(env.get("PGPASSFILE")) : home.resolve(".pgpass");
      password = fromPassFile(file, spec, user);
    }
    return new PgCredentials(user, password);
  }

  private static String fromPassFile(Path file, SourceSpec spec, String user) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String loc = spec.location().substring(2); // host:port/db
    String host = loc.substring(0, loc.indexOf(':'));
    String port = loc.substring(loc.indexOf(':') + 1, loc.indexOf('/'));
    String db = loc.substring(loc.indexOf('/') + 1);
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      return null;
    }
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> f = fields(line);
      if (f.size() == 5 && matches(f.get(0), host) && matches(f.get(1), port) && matches(f.get(2), db)
          && matches(f.get(3), user)) {
        return f.get(4);
      }
    }
    return null;
  }

  private static boolean matches(String pattern, String value) {
    return pattern.equals("*") || pattern.equals(value);
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        f.append(line.charAt(++i));
      } else if (c == ':' && out.size() < 4) {
        out.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    out.add(f.toString());
    return out;
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "PgCredentials[user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
