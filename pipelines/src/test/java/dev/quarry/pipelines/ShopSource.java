package dev.quarry.pipelines;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The shop database of core's {@code ShopFixture} (six tables, declared keys, a foreign key whose column has another
 * name, a year-like column, dates, measures), written as a SQLite file for tests of the stages on an imported domain.
 * A copy of the fixture's SQL: core's test classes are not visible here.
 */
final class ShopSource {

  static final List<String> CITIES = List.of("Austin", "Boston", "Chicago", "Denver", "Eugene");

  private ShopSource() {}

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
}
