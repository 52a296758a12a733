package dev.quarry.core.domain.init;

import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.domain.SqlType;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code quarry domain check}: validates an (edited) domain file against the source it records, read-only. Finds
 * tables and columns the source lacks, types that differ, roles that contradict types, vocabulary and year values
 * that no column holds, joins between columns of different types, and a declared query bank that is missing or
 * unreadable.
 */
public final class DomainChecker {

  private static final Map<ColumnRole, Set<SqlType>> ROLE_TYPES = Map.of(
      ColumnRole.MEASURE, EnumSet.of(SqlType.INTEGER, SqlType.DOUBLE),
      ColumnRole.FLAG, EnumSet.of(SqlType.BOOLEAN),
      ColumnRole.DATE, EnumSet.of(SqlType.DATE),
      ColumnRole.YEAR, EnumSet.of(SqlType.INTEGER, SqlType.VARCHAR),
      ColumnRole.ID, EnumSet.of(SqlType.INTEGER, SqlType.VARCHAR),
      ColumnRole.TEXT, EnumSet.of(SqlType.VARCHAR),
      ColumnRole.DIMENSION, EnumSet.of(SqlType.INTEGER, SqlType.VARCHAR, SqlType.BOOLEAN, SqlType.DOUBLE,
          SqlType.DATE));

  private DomainChecker() {}

  /**
   * Checks the domain file {@code file}.
   *
   * @return the problems, in file order (tables, columns, vocabularies, years, joins, bank); empty when it is
   *     consistent
   * @throws DomainInitException {@link InitError#NO_SOURCE} when the file records no source; the source errors of
   *     {@link SourceSpec#parse} and {@link SourceCatalog#open} when the source is gone or unreadable
   */
  public static List<CheckProblem> check(Path file) {
    Domain d;
    try {
      d = DomainLoader.load(file.toString());
    } catch (IllegalArgumentException e) {
      return List.of(new CheckProblem(CheckProblem.Kind.INVALID_FILE, null, null, e.getMessage()));
    }
    if (d.source() == null) {
      throw new DomainInitException(InitError.NO_SOURCE, file + " records no \"source\" to check against"
          + " (built-in domains are checked by their tests)");
    }
    try (SourceCatalog catalog = SourceCatalog.open(SourceSpec.parse(d.source()))) {
      return check(d, catalog);
    }
  }

  /**
   * Checks a loaded domain against an open source (the one it records, opened with explicit settings such as
   * PostgreSQL credentials); the caller closes {@code catalog}.
   *
   * @return the problems, as {@link #check(Path)} returns them
   */
  public static List<CheckProblem> check(Domain d, SourceCatalog catalog) {
    List<CheckProblem> problems = new ArrayList<>();
    Map<String, SourceTable> source = new HashMap<>();
    catalog.tables().forEach(t -> source.put(t.name().toLowerCase(Locale.ROOT), t));
    Map<String, SqlType> types = new HashMap<>(); // "table.column" lower-case -> source type
    for (Domain.Table t : d.tables()) {
      SourceTable st = source.get(t.name().toLowerCase(Locale.ROOT));
      if (st == null) {
        problems.add(new CheckProblem(CheckProblem.Kind.UNKNOWN_TABLE, t.name(), null,
            "table " + t.name() + " is not in the source " + d.source()));
        continue;
      }
      for (Domain.Column c : t.columns()) {
        Optional<SourceTable.SourceColumn> sc = st.columns().stream()
            .filter(x -> x.name().equalsIgnoreCase(c.name())).findFirst();
        if (sc.isEmpty()) {
          problems.add(new CheckProblem(CheckProblem.Kind.UNKNOWN_COLUMN, t.name(), c.name(),
              "column " + t.name() + "." + c.name() + " is not in the source table (it has "
                  + String.join(", ", st.columns().stream().map(SourceTable.SourceColumn::name).toList()) + ")"));
          continue;
        }
        Optional<TypeMapping.Mapped> m = TypeMapping.map(sc.get().nativeType());
        if (m.isEmpty()) {
          problems.add(new CheckProblem(CheckProblem.Kind.TYPE_MISMATCH, t.name(), c.name(),
              t.name() + "." + c.name() + " has the unsupported source type " + sc.get().nativeType()));
          continue;
        }
        types.put(key(t.name(), c.name()), m.get().type());
        if (m.get().type() != c.type()) {
          problems.add(new CheckProblem(CheckProblem.Kind.TYPE_MISMATCH, t.name(), c.name(),
              t.name() + "." + c.name() + " is declared " + c.type() + " but the source has " + sc.get().nativeType()
                  + " (" + m.get().type() + ")"));
        }
        Set<SqlType> allowed = ROLE_TYPES.get(c.role());
        if (allowed != null && !allowed.contains(c.type())) {
          problems.add(new CheckProblem(CheckProblem.Kind.ROLE_CONTRADICTS_TYPE, t.name(), c.name(),
              t.name() + "." + c.name() + " has role " + c.role().name().toLowerCase(Locale.ROOT) + " but type "
                  + c.type() + "; a " + c.role().name().toLowerCase(Locale.ROOT) + " needs " + allowed));
        }
      }
      if (t.primaryKey() != null) {
        for (String k : t.primaryKey()) {
          if (t.column(k).isEmpty()) {
            problems.add(new CheckProblem(CheckProblem.Kind.UNKNOWN_COLUMN, t.name(), k,
                "primary key column " + t.name() + "." + k + " is not a column of the table"));
          }
        }
      }
    }
    checkValues(d, catalog, types, problems);
    for (Domain.Join j : d.joins()) {
      SqlType l = types.get(key(j.left(), j.leftColumn()));
      SqlType r = types.get(key(j.right(), j.rightColumn()));
      if (l != null && r != null && l != r) {
        problems.add(new CheckProblem(CheckProblem.Kind.JOIN_TYPE_MISMATCH, j.right(), j.rightColumn(),
            "join " + j.left() + "." + j.leftColumn() + " (" + l + ") = " + j.right() + "." + j.rightColumn()
                + " (" + r + ") compares different types"));
      }
    }
    bankProblem(d).ifPresent(problems::add);
    return problems;
  }

  /**
   * The problem with the domain's declared query bank, if any: its file (resolved by {@link DomainLoader}) does not
   * exist, is not a regular file, or cannot be read. Whether its content parses is for the bank readers to say.
   *
   * @return the problem, or empty when the domain declares no bank or its file can be read
   */
  public static Optional<CheckProblem> bankProblem(Domain d) {
    if (d.bank() == null) {
      return Optional.empty();
    }
    Path bank = Path.of(d.bank().path());
    String why = !java.nio.file.Files.exists(bank) ? "does not exist"
        : !java.nio.file.Files.isRegularFile(bank) ? "is not a file"
        : !java.nio.file.Files.isReadable(bank) ? "cannot be read" : null;
    if (why == null) {
      return Optional.empty();
    }
    return Optional.of(new CheckProblem(CheckProblem.Kind.BANK_UNREADABLE, null, null, "the query bank " + bank + " ("
        + "\"bank\": {\"path\": ...}, relative to the domain file's folder) " + why));
  }

  private static void checkValues(Domain d, SourceCatalog catalog, Map<String, SqlType> types,
      List<CheckProblem> problems) {
    Map<String, List<String[]>> users = new HashMap<>(); // vocabulary -> (table, column)
    List<String[]> yearColumns = new ArrayList<>();
    for (Domain.Table t : d.tables()) {
      for (Domain.Column c : t.columns()) {
        if (!types.containsKey(key(t.name(), c.name()))) {
          continue; // unknown column: already reported
        }
        if (c.vocabulary() != null) {
          users.computeIfAbsent(c.vocabulary(), k -> new ArrayList<>()).add(new String[] {t.name(), c.name()});
        }
        if (d.years() != null && c.name().equalsIgnoreCase(d.years().column())) {
          yearColumns.add(new String[] {t.name(), c.name()});
        }
      }
    }
    for (Map.Entry<String, List<Domain.VocabEntry>> v : new java.util.TreeMap<>(d.vocabularies()).entrySet()) {
      List<String[]> cols = users.getOrDefault(v.getKey(), List.of());
      if (cols.isEmpty()) {
        continue;
      }
      Set<String> present = distinct(catalog, cols, types);
      for (Domain.VocabEntry e : v.getValue()) {
        if (!present.contains(String.valueOf(e.value()))) {
          problems.add(new CheckProblem(CheckProblem.Kind.VALUE_NOT_FOUND, cols.get(0)[0], cols.get(0)[1],
              "vocabulary " + v.getKey() + ": value '" + e.value() + "' is not found in "
                  + String.join(", ", cols.stream().map(c -> c[0] + "." + c[1]).toList())));
        }
      }
    }
    if (d.years() != null && !yearColumns.isEmpty()) {
      Set<String> present = distinct(catalog, yearColumns, types);
      for (String y : d.years().values()) {
        if (!present.contains(y)) {
          problems.add(new CheckProblem(CheckProblem.Kind.VALUE_NOT_FOUND, yearColumns.get(0)[0],
              yearColumns.get(0)[1], "years: value '" + y + "' is not found in any " + d.years().column() + " column"));
        }
      }
    }
  }

  private static Set<String> distinct(SourceCatalog catalog, List<String[]> cols, Map<String, SqlType> types) {
    Set<String> out = new LinkedHashSet<>();
    for (String[] c : cols) {
      SqlType type = types.get(key(c[0], c[1]));
      try (Statement st = catalog.connection().createStatement();
          ResultSet rs = st.executeQuery("SELECT DISTINCT " + Sql.q(c[1]) + " FROM " + Sql.q(c[0]) + " WHERE "
              + Sql.q(c[1]) + " IS NOT NULL")) {
        while (rs.next()) {
          out.add(String.valueOf(ColumnProfiler.normalise(rs.getObject(1), type)));
        }
      } catch (SQLException e) {
        throw new DomainInitException(InitError.SOURCE_UNREADABLE,
            "Cannot read " + c[0] + "." + c[1] + ": " + DuckDbCatalog.firstLine(e), e);
      }
    }
    return out;
  }

  private static String key(String table, String column) {
    return (table + "." + column).toLowerCase(Locale.ROOT);
  }
}
