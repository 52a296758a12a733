package dev.quarry.core.snapshot;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.init.SourceCatalog;
import dev.quarry.core.domain.init.SourceTable;
import dev.quarry.core.domain.init.TypeMapping;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Reads an imported domain's tables from its open source into a {@link SourceSnapshot}: checks first that the
 * source still has every table and column of the domain file with the same type (same {@link SchemaHash}), then
 * reads the domain's columns only ({@code SELECT "c1", "c2" FROM "t"}: columns the domain leaves out, such as ones
 * of unsupported types, are never read) and sorts the rows in Java ({@link RowOrder}), so DuckDB, SQLite and
 * PostgreSQL holding the same data give the same snapshot.
 *
 * <p>With {@code maxRowsPerTable > 0} a larger table is sampled deterministically: the rows kept are those with the
 * smallest SHA-256 of their primary key values (all values when the table has none), ties broken by the row order.
 * Each table is sampled on its own, so a sampled table may refer to rows that another one left out. Memory: every
 * kept row of one table is held at once.
 */
public final class SnapshotReader {

  private SnapshotReader() {}

  /**
   * Reads the snapshot.
   *
   * @param domain the imported domain (its {@code source} names {@code catalog}'s source)
   * @param catalog the open source
   * @param maxRowsPerTable the most rows kept per table, or 0 for all
   * @throws SnapshotException {@link SnapshotError#SOURCE_SCHEMA_CHANGED} naming each missing table or column and
   *     each changed type; {@link SnapshotError#VALUE_UNREADABLE} for a value that does not fit its type;
   *     {@link SnapshotError#SOURCE_UNREADABLE} when a query fails
   * @throws IllegalArgumentException if {@code maxRowsPerTable < 0}
   */
  public static SourceSnapshot read(Domain domain, SourceCatalog catalog, long maxRowsPerTable) {
    if (maxRowsPerTable < 0) {
      throw new IllegalArgumentException("max rows per table must be >= 0 (0: all rows), was " + maxRowsPerTable);
    }
    String schemaHash = checkSchema(domain, catalog);
    MessageDigest content = sha256();
    content.update(schemaHash.getBytes(StandardCharsets.UTF_8));
    List<SourceSnapshot.Table> tables = new ArrayList<>();
    for (Domain.Table t : domain.tables()) {
      SourceSnapshot.Table read = readTable(catalog.connection(), t, maxRowsPerTable);
      content.update(("\ntable " + t.name() + "\n").getBytes(StandardCharsets.UTF_8));
      for (Object[] row : read.rows()) {
        content.update(encode(row));
      }
      tables.add(read);
    }
    return new SourceSnapshot(catalog.spec().toString(), schemaHash, HexFormat.of().formatHex(content.digest()),
        List.copyOf(tables));
  }

  /**
   * Reads a snapshot back from the folder {@link SnapshotWriter} wrote it to ({@code <dir>/<table>/*.parquet}), through
   * an in-memory DuckDB ({@code parquet:DIR}), with the same schema check, value types and row order as {@link #read}.
   *
   * @param domain the imported domain the snapshot was taken for
   * @param dir the snapshot folder (a seed stage output)
   * @return the snapshot; its {@code source} is {@code parquet:<dir>}
   * @throws SnapshotException {@link SnapshotError#SOURCE_SCHEMA_CHANGED} when the folder's tables, columns or types
   *     are not the domain's; the other errors of {@link #read}
   * @throws dev.quarry.core.domain.init.DomainInitException when the folder is missing or holds no Parquet file
   */
  public static SourceSnapshot readFolder(Domain domain, java.nio.file.Path dir) {
    try (SourceCatalog catalog = SourceCatalog.open(
        dev.quarry.core.domain.init.SourceSpec.parse("parquet:" + dir.toAbsolutePath()))) {
      return read(domain, catalog, 0);
    }
  }

  /**
   * Compares the source's schema with the domain file's and returns the schema hash.
   *
   * @throws SnapshotException {@link SnapshotError#SOURCE_SCHEMA_CHANGED} when they differ
   */
  static String checkSchema(Domain domain, SourceCatalog catalog) {
    Map<String, SourceTable> source = new TreeMap<>();
    catalog.tables().forEach(t -> source.put(t.name(), t));
    List<String> problems = new ArrayList<>();
    List<SchemaHash.TableTypes> found = new ArrayList<>();
    for (Domain.Table t : domain.tables()) {
      SourceTable st = source.get(t.name());
      if (st == null) {
        problems.add("table " + t.name() + " is not in the source");
        found.add(new SchemaHash.TableTypes(t.name(), List.of()));
        continue;
      }
      List<SchemaHash.ColumnType> cols = new ArrayList<>();
      for (Domain.Column c : t.columns()) {
        SourceTable.SourceColumn sc = st.columns().stream().filter(x -> x.name().equals(c.name())).findFirst()
            .orElse(null);
        if (sc == null) {
          problems.add("column " + t.name() + "." + c.name() + " is not in the source");
          cols.add(new SchemaHash.ColumnType(c.name(), "[missing]"));
          continue;
        }
        String type = TypeMapping.map(sc.nativeType()).map(m -> m.type().name())
            .orElse("[" + sc.nativeType() + "]");
        if (!type.equals(c.type().name())) {
          problems.add("column " + t.name() + "." + c.name() + " is " + sc.nativeType() + " (" + type
              + ") in the source but " + c.type() + " in the domain file");
        }
        cols.add(new SchemaHash.ColumnType(c.name(), type));
      }
      found.add(new SchemaHash.TableTypes(t.name(), cols));
    }
    String sourceHash = SchemaHash.of(found);
    String domainHash = SchemaHash.ofDomain(domain);
    if (!problems.isEmpty() || !sourceHash.equals(domainHash)) {
      throw new SnapshotException(SnapshotError.SOURCE_SCHEMA_CHANGED, "The source " + catalog.spec()
          + " no longer matches domain '" + domain.name() + "' (schema hash " + sourceHash.substring(0, 12)
          + " in the source, " + domainHash.substring(0, 12) + " in the domain file): " + String.join("; ", problems)
          + ". Run 'quarry domain init' again (or edit the domain file) so that it describes the source.");
    }
    return sourceHash;
  }

  private static SourceSnapshot.Table readTable(Connection c, Domain.Table t, long max) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < t.columns().size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(q(t.columns().get(i).name()));
    }
    sql.append(" FROM ").append(q(t.name()));
    RowOrder order = new RowOrder(t);
    int[] key = keyColumns(t);
    Comparator<Keyed> keyedOrder = Comparator.<Keyed, Long>comparing(Keyed::hash, Long::compareUnsigned)
        .thenComparing(Keyed::row, order);
    PriorityQueue<Keyed> sample = new PriorityQueue<>(keyedOrder.reversed());
    List<Object[]> rows = new ArrayList<>();
    long seen = 0;
    int width = t.columns().size();
    try (Statement st = c.createStatement()) {
      st.setFetchSize(10_000);
      try (ResultSet rs = st.executeQuery(sql.toString())) {
        while (rs.next()) {
          Object[] row = new Object[width];
          for (int i = 0; i < width; i++) {
            Domain.Column col = t.columns().get(i);
            row[i] = ValueReader.read(rs, i + 1, col.type(), t.name() + "." + col.name());
          }
          seen++;
          if (max == 0) {
            rows.add(row);
          } else {
            sample.add(new Keyed(keyHash(row, key), row));
            if (sample.size() > max) {
              sample.poll();
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new SnapshotException(SnapshotError.SOURCE_UNREADABLE, "Cannot read table " + t.name() + ": "
          + firstLine(e), e);
    }
    if (max > 0) {
      sample.forEach(k -> rows.add(k.row()));
    }
    rows.sort(order);
    return new SourceSnapshot.Table(t, List.copyOf(rows), seen);
  }

  /** The primary key's column indexes, or every column's when the table has no primary key. */
  private static int[] keyColumns(Domain.Table t) {
    List<String> names = t.columnNames();
    List<String> pk = t.primaryKey() == null ? List.of() : t.primaryKey();
    int[] idx = pk.stream().mapToInt(names::indexOf).filter(i -> i >= 0).toArray();
    return idx.length > 0 ? idx : java.util.stream.IntStream.range(0, names.size()).toArray();
  }

  private static long keyHash(Object[] row, int[] key) {
    Object[] k = new Object[key.length];
    for (int i = 0; i < key.length; i++) {
      k[i] = row[key[i]];
    }
    return ByteBuffer.wrap(sha256().digest(encode(k))).getLong();
  }

  /** A canonical, engine-independent encoding of values: a type tag and the value's text, per value. */
  static byte[] encode(Object[] values) {
    StringBuilder b = new StringBuilder();
    for (Object v : values) {
      if (v == null) {
        b.append('N');
      } else if (v instanceof String s) {
        b.append('S').append(s.length()).append(':').append(s);
      } else if (v instanceof Integer i) {
        b.append('I').append(i);
      } else if (v instanceof Double d) {
        b.append('D').append(Double.doubleToLongBits(d));
      } else if (v instanceof Boolean x) {
        b.append(x ? 'T' : 'F');
      } else if (v instanceof LocalDate d) {
        b.append('A').append(d.toEpochDay());
      } else {
        throw new IllegalStateException("Unexpected value type " + v.getClass());
      }
      b.append('|');
    }
    b.append('\n');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private record Keyed(long hash, Object[] row) {}

  private static String q(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without SHA-256", e);
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
