package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.DomainLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code quarry domain init} and {@code quarry domain check} end to end on a small SQLite file: exit codes, files. */
class DomainCommandTest {

  @TempDir Path tmp;

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  private Path shop() throws Exception {
    Path db = tmp.resolve("shop.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, city TEXT)");
      st.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers,"
          + " total_amt REAL, status TEXT)");
      for (int i = 1; i <= 20; i++) {
        st.execute("INSERT INTO customers VALUES (" + i + ", '" + (i % 2 == 0 ? "Oslo" : "Lima") + "')");
        st.execute("INSERT INTO orders VALUES (" + i + ", " + (1 + i % 20) + ", " + (i * 2.5) + ", '"
            + (i % 3 == 0 ? "open" : "closed") + "')");
      }
    }
    return db;
  }

  @Test
  void initWritesALoadableDraftAndCheckAcceptsIt() throws Exception {
    Path db = shop();
    Path f = tmp.resolve("out/shop.json");
    assertThat(QuarryCli.execute("domain", "init", "--source", "sqlite:" + db, "--name", "shop", "--out", f.toString()))
        .as(console.stderr()).isZero();
    assertThat(console.stdout()).contains("wrote " + f).contains("2 tables")
        .contains("1 joins (1 declared, 0 inferred)").contains("quarry domain check");
    assertThat(DomainLoader.load(f.toString()).joins()).hasSize(1);
    byte[] first = Files.readAllBytes(f);
    assertThat(QuarryCli.execute("domain", "init", "--source", "sqlite:" + db, "--name", "shop", "--out", f.toString()))
        .isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("already exists").contains("--force");
    assertThat(QuarryCli.execute("domain", "init", "--source", "sqlite:" + db, "--name", "shop", "--out", f.toString(),
        "--force")).isZero();
    assertThat(Files.readAllBytes(f)).isEqualTo(first);
    assertThat(QuarryCli.execute("domain", "check", f.toString())).isZero();
    assertThat(console.stdout()).contains("matches its source");
  }

  @Test
  void checkExitsNonZeroAndExplainsAnEditedError() throws Exception {
    Path db = shop();
    Path f = tmp.resolve("shop.json");
    assertThat(QuarryCli.execute("domain", "init", "--source", "sqlite:" + db, "--name", "shop", "--out", f.toString()))
        .isZero();
    Files.writeString(f, Files.readString(f).replace("\"Oslo\"", "\"Paris\""));
    assertThat(QuarryCli.execute("domain", "check", f.toString())).isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(console.stdout()).contains("value 'Paris' is not found in customers.city");
  }

  @Test
  void badInputsGetAClearMessageAndWriteNothing() throws Exception {
    Path f = tmp.resolve("x.json");
    assertThat(QuarryCli.execute("domain", "init", "--source", "sqlite:" + tmp.resolve("nope.db"), "--name", "x",
        "--out", f.toString())).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("Source database file not found");
    assertThat(QuarryCli.execute("domain", "init", "--source", "sqlite:" + shop(), "--name", "my-shop",
        "--out", f.toString())).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(console.stderr()).contains("'my-shop'");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThat(QuarryCli.execute("domain", "init", "--source", "parquet:" + empty, "--name", "x",
        "--out", f.toString())).isEqualTo(QuarryCli.EXIT_FAILED);
    assertThat(console.stderr()).contains("No .parquet files");
    assertThat(f).doesNotExist();
    assertThat(QuarryCli.execute("domain", "check", tmp.resolve("missing.json").toString()))
        .isEqualTo(QuarryCli.EXIT_USAGE);
  }
}
