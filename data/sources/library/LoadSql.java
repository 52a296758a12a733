import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Loads a SQL script such as {@code library.sql} into a database over JDBC, for machines without {@code sqlite3} or
 * {@code psql}. A single-file program: run it with Quarry's jar on the class path (it holds the SQLite and
 * PostgreSQL drivers):
 *
 * <pre>
 * java -cp pipelines/target/quarry.jar data/sources/library/LoadSql.java data/sources/library/library.sql jdbc:sqlite:/tmp/library.db
 * PGUSER=me PGPASSWORD=… java -cp pipelines/target/quarry.jar data/sources/library/LoadSql.java \
 *     data/sources/library/library.sql jdbc:postgresql://localhost:5432/library
 * </pre>
 *
 * <p>The script's statements each end with {@code ;} at the end of a line (no {@code ;} at a line end inside a
 * string); lines starting with {@code --} outside a statement are comments. Statements run in order, as written
 * (the script's own {@code BEGIN}/{@code COMMIT} make it one transaction). For PostgreSQL the user and password
 * come from {@code PGUSER}/{@code PGPASSWORD} unless the URL names them. Exit 0 when every statement ran, 1 with
 * the failing statement's first line and the database's message otherwise, 2 on bad arguments.
 */
public final class LoadSql {

  private LoadSql() {}

  /**
   * @param args the script path and a JDBC URL
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java -cp quarry.jar LoadSql.java SCRIPT.sql JDBC_URL"
          + " (jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB)");
      System.exit(2);
    }
    String script = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    Properties p = new Properties();
    if (args[1].startsWith("jdbc:postgresql:") && !args[1].contains("user=")) {
      if (System.getenv("PGUSER") != null) {
        p.setProperty("user", System.getenv("PGUSER"));
      }
      if (System.getenv("PGPASSWORD") != null) {
        p.setProperty("password", System.getenv("PGPASSWORD"));
      }
    }
    int count = 0;
    String current = "";
    try (Connection c = DriverManager.getConnection(args[1], p); Statement st = c.createStatement()) {
      StringBuilder sql = new StringBuilder();
      for (String line : script.split("\n", -1)) {
        if (sql.length() == 0 && (line.isBlank() || line.startsWith("--"))) {
          continue;
        }
        sql.append(line).append('\n');
        if (line.stripTrailing().endsWith(";")) {
          current = sql.toString();
          st.execute(current.stripTrailing().replaceAll(";$", ""));
          count++;
          sql.setLength(0);
        }
      }
      if (!sql.toString().isBlank()) {
        throw new SQLException("the script ends inside a statement (no ';' at a line end): " + firstLine(sql));
      }
    } catch (SQLException e) {
      System.err.println("LoadSql: statement " + (count + 1) + " failed (" + firstLine(current) + "): "
          + e.getMessage());
      System.exit(1);
    }
    System.out.println("LoadSql: " + count + " statements run on " + args[1]);
  }

  private static String firstLine(CharSequence s) {
    String t = s.toString().strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl) + " …";
  }
}
