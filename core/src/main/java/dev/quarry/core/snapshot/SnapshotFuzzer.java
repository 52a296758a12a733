package dev.quarry.core.snapshot;

import dev.quarry.core.domain.Domain;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes one test-suite database of an imported domain by fuzzing its snapshot, after Zhong et al. 2020 ("Semantic
 * Evaluation for Text-to-SQL with Distilled Test Suites"): a prediction counts as correct only when its result equals
 * the gold query's on every database of the suite, and databases whose values are drawn at random from each column's
 * observed domain plus boundary values, with keys kept consistent, tell apart queries that the original database
 * cannot (a {@code >} for a {@code >=}, a filter that happens to remove nothing, a {@code COUNT} of a table whose size
 * the query hard-codes).
 *
 * <p>For each table of the snapshot, in an order where every referenced table comes before the tables that refer to
 * it:
 * <ol>
 *   <li>Row count: {@code round(f · n)} for the snapshot's {@code n} rows and a seeded fraction {@code f} uniform in
 *       [{@value #MIN_FRACTION}, {@value #MAX_FRACTION}], at least 1 when {@code n > 0}, at most
 *       {@value #MAX_ROWS_PER_TABLE}; so {@code COUNT(*)} differs between the databases of a suite.
 *   <li>Primary key: a single-column key that refers to no other table is a seeded sample without repetition of the
 *       snapshot's key values (unique, and real keys). Any other key (composite, or with a column that refers to
 *       another table) is drawn column by column, referring columns from the referenced table's fuzzed values, the
 *       others from their observed values; a tuple already used is drawn again, up to {@value #KEY_ATTEMPTS} times,
 *       after which the row is left out. Key columns are never NULL.
 *   <li>Join columns: the right-hand column of each domain join ({@link Domain.Join#rightColumn()}, the referring
 *       side) takes its values from the distinct values of the left-hand column in the fuzzed left table, so every
 *       value found in it exists in the table it refers to and joins still match; NULL only where the snapshot's column
 *       holds NULLs (with {@link ColumnDomain#nullProbability()}). A column on the right of several joins follows the
 *       first. When joins form a cycle (a table referring to itself, or two tables to each other), the columns whose
 *       referenced table is not made yet are filled once every table is. The cycle is broken at the first table, in
 *       domain order, whose primary key has no column referring to a table not made yet, so that key columns still
 *       take fuzzed keys; only when every table left has such a key is it broken at the first, whose referring key
 *       columns then take their observed values (which may be missing from the fuzzed referenced table).
 *   <li>Every other column: independent draws from its {@link ColumnDomain} (observed values, boundary values, NULLs).
 * </ol>
 * Rows are then sorted in {@link RowOrder}, as in a snapshot.
 *
 * <p>Deterministic: every random draw comes from a {@link java.util.Random} (whose algorithm the JDK specifies) seeded
 * from SHA-256 of the seed, the table and the column, so the same snapshot and seed give the same rows and
 * {@link SnapshotWriter} the same bytes, and one table's draws do not shift when another table changes. Memory: the
 * snapshot and the fuzzed rows are held at once.
 */
public final class SnapshotFuzzer {

  /** The least fraction of a table's rows kept. */
  public static final double MIN_FRACTION = 0.5;
  /** The greatest fraction of a table's rows kept. */
  public static final double MAX_FRACTION = 1.0;
  /** The most rows of one fuzzed table. */
  public static final int MAX_ROWS_PER_TABLE = 100_000;
  /** Draws of a primary key tuple before a row that cannot get a unique key is left out. */
  public static final int KEY_ATTEMPTS = 32;

  private SnapshotFuzzer() {}

  /**
   * Fuzzes {@code snapshot} with {@code seed}.
   *
   * @param domain the imported domain the snapshot was taken for (tables, columns, roles, primary keys, joins)
   * @param snapshot the snapshot, one table per domain table with rows in file order
   * @param seed the test-suite database's seed
   * @return a snapshot of the same source, schema hash and tables, with the fuzzed rows and their content hash;
   *     {@link SourceSnapshot.Table#sourceRows()} holds the snapshot's row count of each table
   * @throws IllegalArgumentException when the snapshot lacks a table of the domain
   */
  public static SourceSnapshot fuzz(Domain domain, SourceSnapshot snapshot, long seed) {
    Map<String, SourceSnapshot.Table> byName = new HashMap<>();
    snapshot.tables().forEach(t -> byName.put(t.table().name(), t));
    for (Domain.Table t : domain.tables()) {
      if (!byName.containsKey(t.name())) {
        throw new IllegalArgumentException("The snapshot has no table '" + t.name() + "' of domain '" + domain.name()
            + "'");
      }
    }
    Map<String, Ref> refs = references(domain);
    Map<String, Made> made = new LinkedHashMap<>();
    List<Deferred> deferred = new ArrayList<>();
    for (Domain.Table t : order(domain, refs)) {
      made.put(t.name(), new Made(t, fuzzTable(byName.get(t.name()), refs, made, deferred, seed)));
    }
    for (Deferred d : deferred) {
      List<Object> keys = keyValues(made, d.ref());
      Random random = random(seed, d.table(), d.domain().column().name(), "values");
      for (Object[] row : made.get(d.table()).rows()) {
        row[d.index()] = drawReferenceOrNull(keys, d.domain(), random);
      }
    }
    MessageDigest content = SnapshotReader.sha256();
    content.update(snapshot.schemaHash().getBytes(StandardCharsets.UTF_8));
    List<SourceSnapshot.Table> tables = new ArrayList<>();
    for (Domain.Table t : domain.tables()) {
      List<Object[]> rows = made.get(t.name()).rows();
      rows.sort(new RowOrder(t));
      content.update(("\ntable " + t.name() + "\n").getBytes(StandardCharsets.UTF_8));
      for (Object[] row : rows) {
        content.update(SnapshotReader.encode(row));
      }
      tables.add(new SourceSnapshot.Table(t, List.copyOf(rows), byName.get(t.name()).rows().size()));
    }
    return new SourceSnapshot(snapshot.source(), snapshot.schemaHash(), HexFormat.of().formatHex(content.digest()),
        List.copyOf(tables));
  }

  /** The column a referring column takes its values from. */
  private record Ref(String table, String column) {}

  /** A referring column filled after every table is made (its referenced table came later). */
  private record Deferred(String table, ColumnDomain domain, int index, Ref ref) {}

  /** A fuzzed table: its domain table and rows. */
  private record Made(Domain.Table table, List<Object[]> rows) {}

  /** Referring column ("table.column") → referenced column, from the domain joins (the first join wins). */
  private static Map<String, Ref> references(Domain domain) {
    Map<String, Ref> refs = new LinkedHashMap<>();
    for (Domain.Join j : domain.joins()) {
      if (j.left().equals(j.right()) && j.leftColumn().equals(j.rightColumn())) {
        continue;
      }
      refs.putIfAbsent(key(j.right(), j.rightColumn()), new Ref(j.left(), j.leftColumn()));
    }
    return refs;
  }

  /**
   * Tables with every referenced table first (ties in domain order); a cycle is broken at the first table whose primary
   * key refers to no table not made yet, else at the first table left.
   */
  private static List<Domain.Table> order(Domain domain, Map<String, Ref> refs) {
    Map<String, Set<String>> parents = new HashMap<>();
    for (Domain.Table t : domain.tables()) {
      Set<String> p = new TreeSet<>();
      for (Domain.Column c : t.columns()) {
        Ref r = refs.get(key(t.name(), c.name()));
        if (r != null && !r.table().equals(t.name())) {
          p.add(r.table());
        }
      }
      parents.put(t.name(), p);
    }
    List<Domain.Table> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    while (out.size() < domain.tables().size()) {
      Domain.Table next = null;
      for (Domain.Table t : domain.tables()) {
        if (!done.contains(t.name()) && done.containsAll(parents.get(t.name()))) {
          next = t;
          break;
        }
      }
      if (next == null) { // a cycle: the first table left whose key can be drawn from made tables, else the first left
        next = domain.tables().stream().filter(t -> !done.contains(t.name()) && keyRefersToMade(t, refs, done))
            .findFirst()
            .orElseGet(() -> domain.tables().stream().filter(t -> !done.contains(t.name())).findFirst().orElseThrow());
      }
      out.add(next);
      done.add(next.name());
    }
    return out;
  }

  /** Whether no primary key column of {@code t} refers to a table not in {@code done} (itself included). */
  private static boolean keyRefersToMade(Domain.Table t, Map<String, Ref> refs, Set<String> done) {
    if (t.primaryKey() == null) {
      return true;
    }
    for (String k : t.primaryKey()) {
      Ref r = refs.get(key(t.name(), k));
      if (r != null && !done.contains(r.table())) {
        return false;
      }
    }
    return true;
  }

  private static List<Object[]> fuzzTable(SourceSnapshot.Table table, Map<String, Ref> refs,
      Map<String, Made> made, List<Deferred> deferred, long seed) {
    Domain.Table t = table.table();
    List<Domain.Column> cols = t.columns();
    int width = cols.size();
    int n = rowCount(table.rows().size(), random(seed, t.name(), "", "row count"));
    ColumnDomain[] domains = new ColumnDomain[width];
    Ref[] colRefs = new Ref[width];
    for (int i = 0; i < width; i++) {
      domains[i] = ColumnDomain.of(table, i);
      colRefs[i] = refs.get(key(t.name(), cols.get(i).name()));
    }
    List<String> names = t.columnNames();
    int[] pk = t.primaryKey() == null ? new int[0]
        : t.primaryKey().stream().mapToInt(names::indexOf).filter(i -> i >= 0).distinct().toArray();
    List<Object[]> rows = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      rows.add(new Object[width]);
    }
    boolean[] filled = new boolean[width];
    if (pk.length == 1 && colRefs[pk[0]] == null) {
      List<Object> keys = new ArrayList<>(domains[pk[0]].distinct());
      java.util.Collections.shuffle(keys, random(seed, t.name(), cols.get(pk[0]).name(), "key"));
      if (keys.size() < rows.size()) {
        rows.subList(keys.size(), rows.size()).clear();
      }
      for (int r = 0; r < rows.size(); r++) {
        rows.get(r)[pk[0]] = keys.get(r);
      }
      filled[pk[0]] = true;
    } else if (pk.length > 0) {
      rows = drawKeys(t, rows, pk, domains, colRefs, made, seed);
      for (int i : pk) {
        filled[i] = true;
      }
    }
    for (int i = 0; i < width; i++) {
      if (filled[i]) {
        continue;
      }
      Domain.Column c = cols.get(i);
      Random random = random(seed, t.name(), c.name(), "values");
      Ref ref = colRefs[i];
      if (ref != null && !made.containsKey(ref.table())) {
        deferred.add(new Deferred(t.name(), domains[i], i, ref));
        continue;
      }
      List<Object> keys = ref == null ? null : keyValues(made, ref);
      for (Object[] row : rows) {
        row[i] = ref == null ? domains[i].draw(random) : drawReferenceOrNull(keys, domains[i], random);
      }
    }
    return rows;
  }

  /** Primary keys drawn column by column, each tuple unique; rows that get none after the attempts are left out. */
  private static List<Object[]> drawKeys(Domain.Table t, List<Object[]> rows, int[] pk, ColumnDomain[] domains,
      Ref[] colRefs, Map<String, Made> made, long seed) {
    Random random = random(seed, t.name(), String.join(",", t.primaryKey()), "key");
    List<List<Object>> keys = new ArrayList<>();
    for (int i : pk) {
      Ref ref = colRefs[i];
      keys.add(ref != null && made.containsKey(ref.table()) ? keyValues(made, ref) : null);
    }
    Set<List<Object>> used = new HashSet<>();
    List<Object[]> kept = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      for (int attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
        Object[] tuple = new Object[pk.length];
        for (int k = 0; k < pk.length; k++) {
          List<Object> from = keys.get(k);
          tuple[k] = from != null ? (from.isEmpty() ? null : from.get(random.nextInt(from.size())))
              : domains[pk[k]].values().isEmpty() ? null
              : domains[pk[k]].values().get(random.nextInt(domains[pk[k]].values().size()));
        }
        if (Arrays.stream(tuple).noneMatch(java.util.Objects::isNull) && used.add(Arrays.asList(tuple))) {
          for (int k = 0; k < pk.length; k++) {
            row[pk[k]] = tuple[k];
          }
          kept.add(row);
          break;
        }
      }
    }
    return kept;
  }

  /** The distinct non-null values of the referenced column in its fuzzed table, ascending. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Object> keyValues(Map<String, Made> made, Ref ref) {
    Made m = made.get(ref.table());
    int index = m.table().columnNames().indexOf(ref.column());
    TreeSet<Comparable> s = new TreeSet<>();
    for (Object[] row : m.rows()) {
      if (row[index] != null) {
        s.add((Comparable) row[index]);
      }
    }
    return new ArrayList<>(s);
  }

  private static Object drawReferenceOrNull(List<Object> keys, ColumnDomain d, Random random) {
    if (d.nullProbability() > 0 && random.nextDouble() < d.nullProbability()) {
      return null;
    }
    return keys.isEmpty() ? null : keys.get(random.nextInt(keys.size()));
  }

  /** {@code round(f · n)}, f uniform in [MIN_FRACTION, MAX_FRACTION]; at least 1 when n > 0; at most the cap. */
  static int rowCount(int n, Random random) {
    if (n == 0) {
      return 0;
    }
    double f = MIN_FRACTION + (MAX_FRACTION - MIN_FRACTION) * random.nextDouble();
    return (int) Math.max(1, Math.min(MAX_ROWS_PER_TABLE, Math.round(f * n)));
  }

  /** A Random seeded from SHA-256 of the seed, the table, the column and what it draws. */
  static Random random(long seed, String table, String column, String purpose) {
    byte[] digest = SnapshotReader.sha256().digest((seed + "\n" + table + "\n" + column + "\n" + purpose)
        .getBytes(StandardCharsets.UTF_8));
    return new Random(ByteBuffer.wrap(digest).getLong());
  }

  private static String key(String table, String column) {
    return table + "." + column;
  }
}
