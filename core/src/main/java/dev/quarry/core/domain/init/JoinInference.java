package dev.quarry.core.domain.init;

import dev.quarry.core.domain.Domain;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the joins of a schema: declared foreign keys first; else, for every table with a one-column primary key
 * {@code P.k}, every column of another table named {@code k} (or {@code <p>_id} when {@code k} is {@code id}, {@code
 * <p>} the table name in the singular) with the same type, kept when at least {@link #MIN_CONTAINMENT} of its
 * distinct values occur in {@code P.k}. The containment ratio is recorded in the join.
 */
public final class JoinInference {

  /** The least share of a referring column's distinct values found in the key for a join to be inferred. */
  public static final double MIN_CONTAINMENT = 0.9;

  private final Connection connection;

  /** @param connection an open connection to the source, for containment queries */
  public JoinInference(Connection connection) {
    this.connection = connection;
  }

  /**
   * The result: joins sorted by (left, right, on, rightOn), and the name matches refused for low containment,
   * in words.
   */
  public record Result(List<Domain.Join> joins, List<String> refused) {}

  /**
   * Infers the joins between {@code tables}.
   *
   * @throws DomainInitException {@link InitError#SOURCE_UNREADABLE} when a containment query fails
   */
  public Result infer(List<ProfiledTable> tables) {
    List<Domain.Join> joins = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    Set<String> declared = new HashSet<>();
    for (ProfiledTable t : tables) {
      for (SourceTable.ForeignKey fk : t.foreignKeys()) {
        ProfiledTable ref = find(tables, fk.referencedTable());
        if (ref == null || ref.column(fk.referencedColumn()).isEmpty() || t.column(fk.column()).isEmpty()) {
          continue;
        }
        declared.add(t.name() + "." + fk.column());
        joins.add(new Domain.Join(ref.name(), t.name(), fk.referencedColumn(),
            fk.column().equals(fk.referencedColumn()) ? null : fk.column(),
            "declared foreign key " + t.name() + "." + fk.column() + " -> " + ref.name() + "."
                + fk.referencedColumn(), null));
      }
    }
    for (ProfiledTable parent : tables) {
      if (parent.primaryKey().size() != 1) {
        continue;
      }
      String k = parent.primaryKey().get(0);
      ProfiledTable.Column key = parent.column(k).orElse(null);
      if (key == null) {
        continue;
      }
      for (ProfiledTable child : tables) {
        if (child == parent) {
          continue;
        }
        for (ProfiledTable.Column c : child.columns()) {
          if (c.type() != key.type() || declared.contains(child.name() + "." + c.name())
              || !nameMatches(parent.name(), k, c.name())) {
            continue;
          }
          long[] counts = containment(parent.name(), k, child.name(), c.name());
          String what = child.name() + "." + c.name() + " ~ " + parent.name() + "." + k;
          if (counts[0] == 0) {
            refused.add(what + ": name match, but " + child.name() + "." + c.name() + " has no values to compare");
            continue;
          }
          double ratio = Math.round(counts[1] * 1000.0 / counts[0]) / 1000.0;
          String stats = counts[1] + " of " + counts[0] + " distinct values found";
          if (ratio < MIN_CONTAINMENT) {
            refused.add(what + ": name match, but only " + stats + " (containment " + ratio + ")");
            continue;
          }
          joins.add(new Domain.Join(parent.name(), child.name(), k, c.name().equals(k) ? null : c.name(),
              "inferred: name match " + what + ", " + stats, ratio));
        }
      }
    }
    joins.sort(Comparator.comparing(Domain.Join::left).thenComparing(Domain.Join::right)
        .thenComparing(Domain.Join::on).thenComparing(Domain.Join::rightColumn));
    return new Result(List.copyOf(joins), List.copyOf(refused));
  }

  /** Whether a column named {@code column} may refer to {@code table.key} by its name. */
  static boolean nameMatches(String table, String key, String column) {
    List<String> keyWords = Identifiers.split(key);
    List<String> colWords = Identifiers.split(column);
    if (!keyWords.equals(List.of("id"))) {
      return keyWords.equals(colWords);
    }
    String singular = Identifiers.singular(String.join(" ", Identifiers.split(table)));
    List<String> expected = new ArrayList<>(List.of(singular.split(" ")));
    expected.add("id");
    List<String> plural = new ArrayList<>(Identifiers.split(table));
    plural.add("id");
    return colWords.equals(expected) || colWords.equals(plural);
  }

  private long[] containment(String parent, String key, String child, String column) {
    String sql = "SELECT COUNT(DISTINCT " + Sql.q(column) + "), COUNT(DISTINCT CASE WHEN " + Sql.q(column)
        + " IN (SELECT " + Sql.q(key) + " FROM " + Sql.q(parent) + ") THEN " + Sql.q(column) + " END) FROM "
        + Sql.q(child);
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    } catch (SQLException e) {
      throw new DomainInitException(InitError.SOURCE_UNREADABLE,
          "Cannot compare " + child + "." + column + " with " + parent + "." + key + ": "
              + DuckDbCatalog.firstLine(e), e);
    }
  }

  private static ProfiledTable find(List<ProfiledTable> tables, String name) {
    return tables.stream().filter(t -> t.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
        .findFirst().orElse(null);
  }
}
