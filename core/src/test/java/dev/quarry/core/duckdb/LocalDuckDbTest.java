package dev.quarry.core.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Connections open from a job's own class loader, as under {@code flink run}: Flink loads the job jar in a
 * child-first user-code class loader whose DuckDB driver {@code DriverManager} never registered.
 */
class LocalDuckDbTest {

  /** A class loader that sees this test's class path but none of the application class loader's classes. */
  private static URLClassLoader isolatedLoader() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  @Test
  void opensAnInMemoryDatabaseFromAnIsolatedClassLoader() throws Exception {
    // DriverManager learned about DuckDB from the application class loader; make sure it has.
    try (Connection warm = LocalDuckDb.open()) {
      assertThat(warm.isValid(1)).isTrue();
    }
    try (URLClassLoader loader = isolatedLoader()) {
      Class<?> isolated = loader.loadClass(LocalDuckDb.class.getName());
      assertThat(isolated).isNotSameAs(LocalDuckDb.class);
      Method open = isolated.getMethod("open");
      try (Connection c = (Connection) open.invoke(null);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT 40 + 2")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
        assertThat(c.getClass().getClassLoader()).isSameAs(loader);
      }
    }
  }
}
