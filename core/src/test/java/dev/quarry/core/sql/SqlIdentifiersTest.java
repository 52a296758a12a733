package dev.quarry.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.duckdb.LocalDuckDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlIdentifiersTest {

  @Test
  void plainNamesStayBareOthersAreQuoted() {
    assertThat(SqlIdentifiers.quoteIdent("students")).isEqualTo("students");
    assertThat(SqlIdentifiers.quoteIdent("school_year")).isEqualTo("school_year");
    assertThat(SqlIdentifiers.quoteIdent("year")).as("unreserved keyword").isEqualTo("year");
    assertThat(SqlIdentifiers.quoteIdent("select")).isEqualTo("\"select\"");
    assertThat(SqlIdentifiers.quoteIdent("Order")).isEqualTo("\"Order\"");
    assertThat(SqlIdentifiers.quoteIdent("between")).isEqualTo("\"between\"");
    assertThat(SqlIdentifiers.quoteIdent("two words")).isEqualTo("\"two words\"");
    assertThat(SqlIdentifiers.quoteIdent("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(SqlIdentifiers.quoteIdent("1st")).isEqualTo("\"1st\"");
    assertThat(SqlIdentifiers.quoteIdent("x; DROP TABLE t --")).isEqualTo("\"x; DROP TABLE t --\"");
    assertThat(SqlIdentifiers.qualified("my table", "id")).isEqualTo("\"my table\".id");
    assertThatThrownBy(() -> SqlIdentifiers.quoteIdent("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlIdentifiers.quoteIdent("a\0b")).isInstanceOf(IllegalArgumentException.class);
  }

  /** So the SQL synthesized for the built-in domain reads exactly as before quoting existed. */
  @Test
  void wordsJSqlParserReservesAreQuotedThoughDuckDbAcceptsThem() {
    assertThat(SqlIdentifiers.quoteIdent("returns")).isEqualTo("\"returns\"");
    assertThat(SqlIdentifiers.quoteIdent("reason")).isEqualTo("reason");
  }

  @Test
  void everyNameOfTheBuiltInDomainStaysBare() {
    dev.quarry.core.domain.Domain d = dev.quarry.core.domain.DomainLoader.load("education");
    for (dev.quarry.core.domain.Domain.Table t : d.tables()) {
      assertThat(SqlIdentifiers.quoteIdent(t.name())).isEqualTo(t.name());
      for (String c : t.columnNames()) {
        for (String name : List.of(c, "avg_" + c, "total_" + c, "max_" + c, "min_" + c)) {
          assertThat(SqlIdentifiers.quoteIdent(name)).isEqualTo(name);
        }
      }
    }
  }

  /** Every hostile name round-trips through DuckDB as exactly itself, and no statement is smuggled in. */
  @Test
  void hostileNamesRoundTripThroughDuckDb() throws Exception {
    List<String> names = List.of("select", "from", "two words", "it's", "a\"b", "x\"; DROP TABLE t; --", "ünïcode",
        "1st", "order", "group", "a.b", "semi;colon", "tab\tname", "\"", "''", "/* c */", "between");
    try (Connection c = LocalDuckDb.open(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (x INTEGER)");
      for (String n : names) {
        String t = SqlIdentifiers.quoteIdent(n);
        st.execute("CREATE TABLE " + t + " (" + SqlIdentifiers.quoteIdent(n) + " INTEGER)");
        st.execute("INSERT INTO " + t + " VALUES (7)");
        try (ResultSet rs = st.executeQuery("SELECT " + SqlIdentifiers.qualified(n, n) + " AS v FROM " + t)) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(7);
        }
        try (ResultSet rs = st.executeQuery("SELECT column_name FROM duckdb_columns() WHERE table_name = '"
            + n.replace("'", "''") + "'")) {
          assertThat(rs.next()).as(n).isTrue();
          assertThat(rs.getString(1)).isEqualTo(n);
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("table t still exists").isEqualTo(1);
      }
    }
  }
}
