package dev.quarry.core.domain.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.domain.SqlType;
import dev.quarry.core.duckdb.LocalDuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainDrafterTest {

  private static final DomainDrafter DRAFTER = new DomainDrafter(Synonyms.NONE);

  @TempDir Path dir;

  private static Draft draft(String source) {
    return DRAFTER.draft(SourceSpec.parse(source), "shop", Descriptions.NONE);
  }

  private static Domain.Column col(Domain d, String table, String column) {
    return d.requireTable(table).column(column).orElseThrow();
  }

  private static ColumnRole role(Domain d, String table, String column) {
    return col(d, table, column).role();
  }

  @Test
  void sqliteRolesFromTypeCardinalityUniquenessAndName() throws Exception {
    Domain d = draft("sqlite:" + ShopFixture.sqlite(dir)).domain();
    assertThat(d.tableNames()).containsExactly("customers", "order_items", "orders", "products", "returns", "reviews");
    assertThat(role(d, "customers", "customer_id")).isEqualTo(ColumnRole.ID);
    assertThat(col(d, "customers", "customer_id").evidence()).contains("declared primary key");
    assertThat(role(d, "customers", "name")).isEqualTo(ColumnRole.TEXT);
    assertThat(role(d, "customers", "city")).isEqualTo(ColumnRole.DIMENSION);
    assertThat(role(d, "customers", "is_active")).isEqualTo(ColumnRole.FLAG);
    assertThat(col(d, "customers", "is_active").whenTrue()).containsExactly("active");
    assertThat(col(d, "customers", "is_active").whenFalse()).containsExactly("not active");
    assertThat(role(d, "customers", "signup_dt")).isEqualTo(ColumnRole.DATE);
    assertThat(role(d, "products", "unit_price_amt")).isEqualTo(ColumnRole.MEASURE);
    assertThat(col(d, "products", "unit_price_amt").type()).isEqualTo(SqlType.DOUBLE);
    assertThat(role(d, "products", "category")).isEqualTo(ColumnRole.DIMENSION);
    assertThat(role(d, "order_items", "qty")).isEqualTo(ColumnRole.MEASURE);
    assertThat(role(d, "order_items", "product_id")).isEqualTo(ColumnRole.ID);
    assertThat(role(d, "orders", "order_year")).isEqualTo(ColumnRole.YEAR);
    assertThat(role(d, "reviews", "stars")).isEqualTo(ColumnRole.DIMENSION);
    // The description (part of every training prompt) names the tables, not the source it came from.
    assertThat(d.description()).isEqualTo(
        "Imported database with the tables customers, order_items, orders, products, returns, reviews.");
    assertThat(d.source()).startsWith("sqlite:").endsWith("shop.sqlite");
    assertThat(col(d, "reviews", "stars").confidence()).isLessThan(DomainDrafter.REVIEW_BELOW);
    for (Domain.Table t : d.tables()) {
      for (Domain.Column c : t.columns()) {
        assertThat(c.confidence()).as(t.name() + "." + c.name()).isBetween(0.0, 1.0);
        assertThat(c.evidence()).as(t.name() + "." + c.name()).isNotBlank();
      }
    }
    assertThat(d.years().column()).isEqualTo("order_year");
    assertThat(d.years().values()).containsExactly("2023", "2024");
    assertThat(d.years().current()).isEqualTo("2024");
    assertThat(d.requireTable("order_items").primaryKey()).containsExactly("order_id", "product_id");
    assertThat(d.source()).isEqualTo("sqlite:" + dir.resolve("shop.sqlite").toAbsolutePath());
  }

  @Test
  void sqliteDeclaredForeignKeysBecomeJoinsEvenWithAnotherColumnName() throws Exception {
    Draft draft = draft("sqlite:" + ShopFixture.sqlite(dir));
    List<Domain.Join> joins = draft.domain().joins();
    assertThat(joins).extracting(j -> j.left() + "." + j.leftColumn() + "=" + j.right() + "." + j.rightColumn())
        .containsExactly("customers.customer_id=orders.customer_id", "orders.order_id=order_items.order_id",
            "orders.order_id=returns.order_ref", "products.product_id=order_items.product_id");
    assertThat(joins).allSatisfy(j -> {
      assertThat(j.evidence()).startsWith("declared foreign key");
      assertThat(j.containment()).isNull();
    });
    assertThat(joins.get(2).rightOn()).isEqualTo("order_ref");
    // reviews.product_id matches by name but only half its values are products: refused, and said so
    assertThat(draft.review()).anyMatch(r -> r.startsWith("not joined: reviews.product_id ~ products.product_id")
        && r.contains("55 of 110"));
  }

  @Test
  void parquetJoinsAreInferredByNameAndContainment() throws Exception {
    Draft draft = draft("parquet:" + ShopFixture.files(dir, "parquet"));
    Domain d = draft.domain();
    assertThat(d.joins()).extracting(j -> j.left() + "." + j.leftColumn() + "=" + j.right() + "." + j.rightColumn()
            + "@" + j.containment())
        .containsExactly("customers.customer_id=orders.customer_id@1.0", "orders.order_id=order_items.order_id@1.0",
            "products.product_id=order_items.product_id@1.0");
    assertThat(d.joins()).allSatisfy(j -> assertThat(j.evidence()).startsWith("inferred: name match"));
    assertThat(d.requireTable("customers").primaryKey()).containsExactly("customer_id");
    assertThat(col(d, "customers", "customer_id").evidence()).contains("inferred").contains("primary key");
    assertThat(d.requireTable("order_items").primaryKey()).isNull();
    assertThat(role(d, "orders", "customer_id")).isEqualTo(ColumnRole.ID);
    assertThat(role(d, "customers", "city")).isEqualTo(ColumnRole.DIMENSION);
    assertThat(role(d, "orders", "order_date")).isEqualTo(ColumnRole.DATE);
    assertThat(draft.review()).anyMatch(r -> r.contains("reviews.product_id") && r.contains("containment 0.5"));
    assertThat(DomainChecker.check(write(d))).isEmpty();
  }

  @Test
  void csvFolderIsReadWithTypesDetected() throws Exception {
    Domain d = draft("csv:" + ShopFixture.files(dir, "csv")).domain();
    assertThat(col(d, "customers", "is_active").type()).isEqualTo(SqlType.BOOLEAN);
    assertThat(role(d, "customers", "signup_dt")).isEqualTo(ColumnRole.DATE);
    assertThat(role(d, "products", "unit_price_amt")).isEqualTo(ColumnRole.MEASURE);
    assertThat(d.joins()).hasSize(3);
    assertThat(d.source()).startsWith("csv:");
  }

  @Test
  void duckdbCommentsBecomeDescriptionsAndListColumnsAreSkippedWithAWarning() throws Exception {
    Draft draft = draft("duckdb:" + ShopFixture.duckdb(dir));
    Domain d = draft.domain();
    assertThat(d.requireTable("customers").description()).isEqualTo("People who bought something.");
    assertThat(col(d, "customers", "city").description()).isEqualTo("Where the customer lives.");
    assertThat(d.requireTable("products").column("tags")).isEmpty();
    assertThat(draft.warnings()).anyMatch(w -> w.contains("products.tags (VARCHAR[])"));
    assertThat(d.joins()).extracting(Domain.Join::rightColumn).contains("order_ref");
    assertThat(d.joins()).allSatisfy(j -> assertThat(j.evidence()).startsWith("declared foreign key"));
  }

  @Test
  void vocabulariesListTheDistinctValuesOfLowCardinalityColumnsOnly() throws Exception {
    Domain d = draft("sqlite:" + ShopFixture.sqlite(dir)).domain();
    assertThat(col(d, "customers", "city").vocabulary()).isEqualTo("city");
    assertThat(d.vocabulary("city")).extracting(Domain.VocabEntry::value).containsExactlyElementsOf(ShopFixture.CITIES);
    assertThat(d.vocabulary("status")).extracting(Domain.VocabEntry::value)
        .containsExactly("cancelled", "delivered", "shipped");
    assertThat(d.vocabulary("reason")).extracting(Domain.VocabEntry::phrases)
        .containsExactly(List.of("damaged"), List.of("wrong item"));
    assertThat(col(d, "customers", "name").vocabulary()).isNull(); // 60 distinct names: free text
    assertThat(col(d, "reviews", "stars").vocabulary()).isEqualTo("stars");
    assertThat(d.vocabulary("stars")).extracting(Domain.VocabEntry::value).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(d.vocabularies()).doesNotContainKey("name").doesNotContainKey("product_name");
  }

  @Test
  void phrasesComeFromIdentifiersAndWordNet() throws Exception {
    Path db = ShopFixture.sqlite(dir);
    Domain d = new DomainDrafter(WordNetSynonyms.INSTANCE).draft(SourceSpec.parse("sqlite:" + db), "shop",
        Descriptions.NONE).domain();
    assertThat(d.requireTable("order_items").phrases()).first().isEqualTo("order items");
    assertThat(d.requireTable("customers").phrases()).first().isEqualTo("customers");
    assertThat(d.requireTable("customers").phrases()).contains("clients");
    assertThat(col(d, "customers", "signup_dt").phrases()).first().isEqualTo("signup date");
    assertThat(col(d, "products", "unit_price_amt").phrases()).containsExactly("unit price amount");
    assertThat(col(d, "order_items", "qty").phrases()).first().isEqualTo("quantity");
    assertThat(col(d, "orders", "customer_id").phrases()).containsExactly("customer ID");
    assertThat(d.abbreviations()).containsEntry("quantity", List.of("qty")).containsEntry("amount", List.of("amt"));
  }

  @Test
  void descriptionsFileFillsTableAndColumnDescriptions() throws Exception {
    Path db = ShopFixture.sqlite(dir);
    Path csv = dir.resolve("desc.csv");
    Files.writeString(csv, "table,column,description\norders,,\"One row per order, placed by a customer.\"\n"
        + "orders,status,Where the order is\nnope,x,ignored\n");
    Draft draft = DRAFTER.draft(SourceSpec.parse("sqlite:" + db), "shop", Descriptions.read(csv));
    assertThat(draft.domain().requireTable("orders").description()).isEqualTo("One row per order, placed by a customer.");
    assertThat(col(draft.domain(), "orders", "status").description()).isEqualTo("Where the order is");
    assertThat(draft.warnings()).anyMatch(w -> w.contains("nope.x"));
    Path json = dir.resolve("desc.json");
    Files.writeString(json, "[{\"table\": \"products\", \"column\": \"category\", \"description\": \"Shelf\"}]");
    Draft fromJson = DRAFTER.draft(SourceSpec.parse("sqlite:" + db), "shop", Descriptions.read(json));
    assertThat(col(fromJson.domain(), "products", "category").description()).isEqualTo("Shelf");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "tbl,col\n");
    assertThatThrownBy(() -> Descriptions.read(bad)).isInstanceOfSatisfying(DomainInitException.class,
        e -> assertThat(e.error()).isEqualTo(InitError.DESCRIPTIONS_INVALID));
  }

  @Test
  void twoInitsOnTheSameSourceGiveByteIdenticalFilesThatTheLoaderReads() throws Exception {
    Path db = ShopFixture.sqlite(dir);
    Path a = dir.resolve("a/domain.json");
    Path b = dir.resolve("b/domain.json");
    DraftFiles.write(new DomainDrafter(WordNetSynonyms.INSTANCE).draft(SourceSpec.parse("sqlite:" + db), "shop",
        Descriptions.NONE).domain(), a, false);
    DraftFiles.write(new DomainDrafter(WordNetSynonyms.INSTANCE).draft(SourceSpec.parse("sqlite:" + db), "shop",
        Descriptions.NONE).domain(), b, false);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    Domain loaded = DomainLoader.load(a.toString());
    assertThat(loaded.tableNames()).hasSize(6);
    assertThat(DraftFiles.toJson(loaded)).isEqualTo(Files.readAllBytes(a));
    assertThat(Files.readString(a)).doesNotContain("\r").endsWith("}\n");
    assertThatThrownBy(() -> DraftFiles.write(loaded, a, false)).isInstanceOfSatisfying(DomainInitException.class,
        e -> assertThat(e.error()).isEqualTo(InitError.OUTPUT_EXISTS));
    DraftFiles.write(loaded, a, true);
    assertThat(Files.list(a.getParent())).containsExactly(a);
  }

  @Test
  void checkExplainsEachProblemOfAnEditedFile() throws Exception {
    Path db = ShopFixture.sqlite(dir);
    Path f = dir.resolve("domain.json");
    DraftFiles.write(draft("sqlite:" + db).domain(), f, false);
    assertThat(DomainChecker.check(f)).isEmpty();
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(f.toFile());
    for (JsonNode t : root.get("tables")) {
      for (JsonNode c : t.get("columns")) {
        if (c.get("name").asText().equals("city")) {
          ((ObjectNode) c).put("role", "measure");
        }
        if (c.get("name").asText().equals("qty")) {
          ((ObjectNode) c).put("name", "quantity");
        }
      }
    }
    ((ObjectNode) root.get("vocabularies").get("city").get(1)).put("value", "Atlantis");
    new ObjectMapper().writeValue(f.toFile(), root);
    List<CheckProblem> problems = DomainChecker.check(f);
    assertThat(problems).extracting(CheckProblem::kind).containsExactlyInAnyOrder(
        CheckProblem.Kind.ROLE_CONTRADICTS_TYPE, CheckProblem.Kind.VALUE_NOT_FOUND, CheckProblem.Kind.UNKNOWN_COLUMN);
    assertThat(problems).anyMatch(p -> p.message().contains("customers.city has role measure but type VARCHAR"));
    assertThat(problems).anyMatch(p -> p.message().contains("'Atlantis' is not found in customers.city"));
    assertThat(problems).anyMatch(p -> p.message().contains("order_items.quantity is not in the source"));
  }

  @Test
  void badSourcesGetSpecificErrors() throws Exception {
    assertError(() -> SourceSpec.parse("sqlite:" + dir.resolve("missing.db")), InitError.SOURCE_MISSING, "not found");
    assertError(() -> SourceSpec.parse("oracle:/x"), InitError.SOURCE_SYNTAX, "Unknown source kind 'oracle'");
    assertError(() -> SourceSpec.parse("shop.db"), InitError.SOURCE_SYNTAX, "expected");
    assertError(() -> SourceSpec.parse("postgresql://bob:secret@localhost:5432/shop"), InitError.SOURCE_SYNTAX, "PGPASSWORD");
    assertThat(SourceSpec.parse("postgresql://db.example/shop").toString()).isEqualTo("postgresql://db.example:5432/shop");
    assertError(() -> SourceSpec.parse("parquet:" + ShopFixture.sqlite(dir)), InitError.SOURCE_MISSING, "not a folder");
    Path empty = dir.resolve("empty.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + empty); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (x INTEGER)");
      st.execute("DROP TABLE t");
    }
    assertError(() -> draft("sqlite:" + empty), InitError.SOURCE_EMPTY, "has no tables");
    Files.createDirectories(dir.resolve("nofiles"));
    assertError(() -> draft("csv:" + dir.resolve("nofiles")), InitError.SOURCE_EMPTY, "No .csv files");
    Path text = Files.writeString(dir.resolve("notadb.duckdb"), "hello, not a database");
    assertError(() -> draft("duckdb:" + text), InitError.SOURCE_UNREADABLE, "Cannot open");
    assertError(() -> DRAFTER.draft(SourceSpec.parse("sqlite:" + ShopFixture.sqlite(Files.createDirectories(dir.resolve("x")))), "my shop",
        Descriptions.NONE), InitError.INVALID_IDENTIFIER, "'my shop'");
  }

  @Test
  void invalidTableNamesAndEmptyTables() throws Exception {
    Path db = dir.resolve("odd.duckdb");
    try (Connection c = LocalDuckDb.connect("jdbc:duckdb:" + db, new Properties()); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE \"order items\" (id INTEGER)");
    }
    assertError(() -> draft("duckdb:" + db), InitError.INVALID_IDENTIFIER, "'order items'");
    Path ok = dir.resolve("ok.duckdb");
    try (Connection c = LocalDuckDb.connect("jdbc:duckdb:" + ok, new Properties()); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE visits (visit_id INTEGER PRIMARY KEY, visit_date DATE, note VARCHAR)");
    }
    Draft draft = draft("duckdb:" + ok);
    assertThat(draft.warnings()).anyMatch(w -> w.contains("Table visits has no rows"));
    assertThat(draft.domain().years()).isNull();
    Domain.Column date = col(draft.domain(), "visits", "visit_date");
    assertThat(date.role()).isEqualTo(ColumnRole.DATE);
    assertThat(date.confidence()).isLessThan(0.7);
    assertThat(DomainLoader.load(write(draft.domain()).toString()).tableNames()).containsExactly("visits");
  }

  private Path write(Domain d) {
    Path f = dir.resolve("written-" + System.nanoTime() + ".json");
    DraftFiles.write(d, f, false);
    return f;
  }

  private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, InitError error,
      String text) {
    assertThatThrownBy(call).isInstanceOfSatisfying(DomainInitException.class,
        e -> assertThat(e.error()).isEqualTo(error)).hasMessageContaining(text);
  }
}
