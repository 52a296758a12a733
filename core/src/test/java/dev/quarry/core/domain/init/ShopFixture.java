package dev.quarry.core.domain.init;

import dev.quarry.core.duckdb.LocalDuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A small shop schema with known answers, written as a SQLite file (foreign keys declared), a DuckDB file
 * (foreign keys declared, comments, a list column), a PostgreSQL schema (the same), and Parquet and CSV folders
 * (no keys declared).
 *
 * <ul>
 *   <li>customers(customer_id PK, name: 60 distinct → text, city: 5 values → dimension, is_active → flag,
 *       signup_dt → date)</li>
 *   <li>products(product_id PK, product_name, category: 3 values, unit_price_amt → measure)</li>
 *   <li>orders(order_id PK, customer_id → customers, order_date, status: 3 values, order_year: 2023/2024 → year)</li>
 *   <li>order_items(order_id → orders, product_id → products, qty → measure)</li>
 *   <li>returns(return_id PK, order_ref → orders.order_id (declared only), reason: 2 values)</li>
 *   <li>reviews(review_id PK, product_id: values 1..110, half not in products → no join inferred, stars)</li>
 * </ul>
 */
final class ShopFixture {

  static final List<String> CITIES = List.of("Austin", "Boston", "Chicago", "Denver", "Eugene");

  private ShopFixture() {}

  /** The DDL with the given key clauses; {@code keys} false drops PRIMARY KEY/REFERENCES. */
  private static List<String> ddl(boolean keys, boolean sqlite) {
    String pk = keys ? " PRIMARY KEY" : "";
    List<String> s = new ArrayList<>();
    s.add("CREATE TABLE customers (customer_id INTEGER" + pk + ", name VARCHAR, city VARCHAR, is_active BOOLEAN,"
        + " signup_dt DATE)");
    s.add("CREATE TABLE products (product_id INTEGER" + pk + ", product_name VARCHAR, category VARCHAR,"
        + " unit_price_amt DOUBLE)");
    s.add("CREATE TABLE orders (order_id INTEGER" + pk + ", customer_id INTEGER"
        + (keys ? " REFERENCES customers(customer_id)" : "") + ", order_date DATE, status VARCHAR, order_year INTEGER)");
    s.add("CREATE TABLE order_items (order_id INTEGER" + (keys ? " REFERENCES orders(order_id)" : "")
        + ", product_id INTEGER" + (keys ? " REFERENCES products(product_id)" : "") + ", qty INTEGER"
        + (keys ? ", PRIMARY KEY (order_id, product_id)" : "") + ")");
    s.add("CREATE TABLE returns (return_id INTEGER" + pk + ", order_ref INTEGER"
        + (keys ? " REFERENCES orders(order_id)" : "") + ", reason VARCHAR)");
    s.add("CREATE TABLE reviews (review_id INTEGER" + pk + ", product_id INTEGER, stars INTEGER)");
    return s;
  }

  private static List<String> inserts(boolean sqlite) {
    List<String> s = new ArrayList<>();
    String t = sqlite ? "1" : "TRUE";
    String f = sqlite ? "0" : "FALSE";
    for (int i = 1; i <= 60; i++) {
      s.add("INSERT INTO customers VALUES (" + i + ", 'Customer " + i + "', '" + CITIES.get(i % 5) + "', "
          + (i % 3 == 0 ? f : t) + ", '2022-" + String.format("%02d", 1 + i % 12) + "-" + String.format("%02d", 1 + i % 28)
          + "')");
    }
    String[] cats = {"Books", "Games", "Tools"};
    for (int i = 1; i <= 55; i++) {
      s.add("INSERT INTO products VALUES (" + i + ", 'Product " + i + "', '" + cats[i % 3] + "', " + (i * 1.25 + 0.5)
          + ")");
    }
    String[] statuses = {"cancelled", "delivered", "shipped"};
    for (int i = 1; i <= 200; i++) {
      int year = i <= 100 ? 2023 : 2024;
      s.add("INSERT INTO orders VALUES (" + i + ", " + (1 + i % 60) + ", '" + year + "-"
          + String.format("%02d", 1 + i % 12) + "-" + String.format("%02d", 1 + i % 28) + "', '" + statuses[i % 3]
          + "', " + year + ")");
    }
    for (int i = 0; i < 400; i++) {
      s.add("INSERT INTO order_items VALUES (" + (1 + i / 2) + ", " + (1 + (i * 7 + i / 2) % 55) + ", " + (1 + i % 9)
          + ")");
    }
    for (int i = 1; i <= 30; i++) {
      s.add("INSERT INTO returns VALUES (" + i + ", " + (i * 5) + ", '" + (i % 2 == 0 ? "damaged" : "wrong item")
          + "')");
    }
    for (int i = 1; i <= 110; i++) {
      s.add("INSERT INTO reviews VALUES (" + i + ", " + i + ", " + (1 + i % 5) + ")");
    }
    return s;
  }

  /** Writes {@code dir/shop.sqlite} with primary and foreign keys declared. */
  static Path sqlite(Path dir) throws SQLException {
    Path file = dir.resolve("shop.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      for (String sql : ddl(true, true)) {
        st.execute(sql);
      }
      for (String sql : inserts(true)) {
        st.execute(sql);
      }
      c.commit();
    }
    return file;
  }

  /** Writes {@code dir/shop.duckdb}: keys declared, table and column comments, a list column (skipped). */
  static Path duckdb(Path dir) throws SQLException {
    Path file = dir.resolve("shop.duckdb");
    try (Connection c = LocalDuckDb.connect("jdbc:duckdb:" + file, new Properties());
        Statement st = c.createStatement()) {
      fill(st, true);
      st.execute("ALTER TABLE products ADD COLUMN tags VARCHAR[]");
      st.execute("COMMENT ON TABLE customers IS 'People who bought something.'");
      st.execute("COMMENT ON COLUMN customers.city IS 'Where the customer lives.'");
    }
    return file;
  }

  /**
   * Creates the shop tables in a PostgreSQL database (keys declared, a comment, an {@code INTEGER[]} column that is
   * skipped), in the connection's current schema.
   */
  static void postgres(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String sql : ddl(true, false)) {
        st.execute(sql.replace(" DOUBLE", " DOUBLE PRECISION"));
      }
      for (String sql : inserts(false)) {
        st.execute(sql);
      }
      st.execute("ALTER TABLE products ADD COLUMN tags INTEGER[]");
      st.execute("COMMENT ON COLUMN customers.city IS 'Where the customer lives.'");
    }
  }

  /** Writes one {@code <table>.<format>} file per table (no keys) into {@code dir/<format>}; returns that folder. */
  static Path files(Path dir, String format) throws Exception {
    Path out = Files.createDirectories(dir.resolve(format));
    try (Connection c = LocalDuckDb.open(); Statement st = c.createStatement()) {
      fill(st, false);
      for (String t : List.of("customers", "products", "orders", "order_items", "returns", "reviews")) {
        st.execute("COPY (SELECT * FROM " + t + ") TO '" + out.resolve(t + "." + format) + "' (FORMAT "
            + format + ")");
      }
    }
    return out;
  }

  private static void fill(Statement st, boolean keys) throws SQLException {
    for (String sql : ddl(keys, false)) {
      st.execute(sql);
    }
    for (String sql : inserts(false)) {
      st.execute(sql);
    }
  }
}
