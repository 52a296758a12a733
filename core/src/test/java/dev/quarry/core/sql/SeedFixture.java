package dev.quarry.core.sql;

import dev.quarry.core.domain.Domain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes small deterministic seed data ({@code <dir>/<table>/part-00000-of-00001.parquet}) for every
 * table of a domain, using a plain DuckDB connection; values cycle through the vocabularies.
 */
final class SeedFixture {

  private SeedFixture() {}

  /** Writes {@code rows} rows per table, or the count in {@code rowsPerTable} where given. */
  static void write(Domain domain, Path dir, int rows, Map<String, Integer> rowsPerTable) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions=false");
      st.execute("SET autoload_known_extensions=false");
      st.execute("SET threads=2");
      for (Domain.Table t : domain.tables()) {
        Path tableDir = Files.createDirectories(dir.resolve(t.name()));
        int n = rowsPerTable.getOrDefault(t.name(), rows);
        List<String> cols = new ArrayList<>();
        int k = 0;
        for (Domain.Column col : t.columns()) {
          cols.add(expression(domain, col, k++) + " AS " + col.name());
        }
        String file = tableDir.resolve("part-00000-of-00001.parquet").toString().replace("'", "''");
        st.execute("COPY (SELECT " + String.join(", ", cols) + " FROM range(" + n + ") r(i)) TO '" + file
            + "' (FORMAT parquet)");
      }
    }
  }

  private static String expression(Domain domain, Domain.Column col, int k) {
    if (col.name().equals(domain.years().column())) {
      return list(domain.years().values().stream().map(SeedFixture::lit).toList(), "i");
    }
    if (col.vocabulary() != null) {
      List<String> values = domain.vocabulary(col.vocabulary()).stream()
          .map(e -> e.value() instanceof Number num ? num.toString() : lit(String.valueOf(e.value()))).toList();
      return cast(list(values, "(i // " + (k + 1) + ")"), col);
    }
    return switch (col.type()) {
      case INTEGER -> col.role() == dev.quarry.core.domain.ColumnRole.ID ? "(i + 1)::INTEGER" : "((i * 7) % 31)::INTEGER";
      case DOUBLE -> "(((i * 13) % 101) / 4.0)::DOUBLE";
      case BOOLEAN -> "(i % " + (k + 2) + " = 0)";
      case DATE -> "(DATE '2024-09-01' + ((i * 3) % 200)::INTEGER)";
      case VARCHAR -> "('v' || (i % 5))";
    };
  }

  private static String cast(String e, Domain.Column col) {
    return "(" + e + ")::" + col.type().name();
  }

  private static String list(List<String> values, String index) {
    return "[" + String.join(", ", values) + "][(" + index + " % " + values.size() + ") + 1]";
  }

  private static String lit(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
