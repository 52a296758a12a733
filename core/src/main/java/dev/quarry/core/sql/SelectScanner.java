package dev.quarry.core.sql;

import dev.quarry.core.domain.Domain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.piped.FromQuery;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SelectVisitor;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Walks one parsed SELECT (with CTEs, set operations, subqueries in FROM and in expressions) and
 * checks tables, table functions and columns against the domain. Not thread-safe: one scanner per
 * validation.
 *
 * <p>Column rule (deliberately a little loose; DuckDB's binder is the exact check at run time): a
 * qualified column {@code q.c} must be a column of the domain table that {@code q} names or aliases,
 * or, when {@code q} is a CTE or derived table, a column of a referenced domain table or an alias; an
 * unqualified column must be a column of some referenced domain table or an alias (select-list alias,
 * CTE/derived column alias, lambda parameter).
 */
final class SelectScanner {

  /** Thrown to stop the walk at the first refusal. */
  static final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final RejectReason reason;

    Rejection(RejectReason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }

  /** Function names that read files, list files, run SQL text or expose the system. */
  private static final Set<String> FORBIDDEN_FUNCTIONS = Set.of(
      "read_csv", "read_csv_auto", "read_parquet", "parquet_scan", "read_json", "read_json_auto",
      "read_json_objects", "read_ndjson", "read_ndjson_auto", "read_ndjson_objects", "read_text", "read_blob",
      "glob", "query", "query_table", "sniff_csv", "parquet_metadata", "parquet_schema", "parquet_file_metadata",
      "parquet_kv_metadata", "iceberg_scan", "delta_scan", "sqlite_scan", "postgres_scan", "mysql_scan",
      "current_setting", "getenv", "getvariable", "setvariable", "checkpoint", "force_checkpoint",
      "which_secret", "load_aws_credentials", "json_execute_serialized_sql", "json_deserialize_sql",
      "range", "generate_series", "repeat", "pg_sleep", "sleep");

  private static final List<String> FORBIDDEN_PREFIXES = List.of("read_", "duckdb_", "pragma_", "parquet_", "sqlite_");

  private static final Set<String> PSEUDO_COLUMNS = Set.of(
      "true", "false", "null", "current_date", "current_timestamp", "current_time", "localtime", "localtimestamp");

  private final Domain domain;
  private final Set<String> domainTables = new HashSet<>();
  private final Map<String, String> aliasToTable = new HashMap<>();
  private final Set<String> derived = new HashSet<>();
  private final Set<String> aliases = new HashSet<>();
  private final List<Column> columns = new ArrayList<>();
  private final List<AllTableColumns> starQualifiers = new ArrayList<>();
  private final ExpressionScanner expressions = new ExpressionScanner();
  private final SelectRouter router = new SelectRouter();

  SelectScanner(Domain domain) {
    this.domain = domain;
  }

  /** Walks {@code select} and checks it; throws {@link Rejection} at the first problem. */
  void check(Select select) {
    scanSelect(select);
    checkColumns();
  }

  private void scanSelect(Select s) {
    if (s.getWithItemsList() != null) {
      for (WithItem<?> w : s.getWithItemsList()) {
        if (!(w.getParenthesedStatement() instanceof Select body)) {
          throw new Rejection(RejectReason.FORBIDDEN_STATEMENT, "A WITH item must be a SELECT: " + w);
        }
        String name = unquote(w.getAliasName());
        derived.add(name);
        addAliasColumns(w.getAlias());
        scanSelect(body);
      }
    }
    if (s instanceof PlainSelect p) {
      scanPlain(p);
    } else if (s instanceof SetOperationList l) {
      l.getSelects().forEach(this::scanSelect);
    } else if (s instanceof ParenthesedSelect ps) {
      scanSelect(ps.getSelect());
    } else if (s instanceof Values v) {
      visitAll(v.getExpressions());
    } else {
      throw new Rejection(RejectReason.NOT_A_SELECT, "Unsupported query form: " + s.getClass().getSimpleName());
    }
    if (s.getOrderByElements() != null) {
      for (OrderByElement o : s.getOrderByElements()) {
        visit(o.getExpression());
      }
    }
    if (s.getLimit() != null) {
      visit(s.getLimit().getRowCount());
      visit(s.getLimit().getOffset());
    }
    if (s.getOffset() != null) {
      visit(s.getOffset().getOffset());
    }
  }

  private void scanPlain(PlainSelect p) {
    if (p.getIntoTables() != null || p.getIntoTempTable() != null) {
      throw new Rejection(RejectReason.FORBIDDEN_STATEMENT, "SELECT … INTO writes a table");
    }
    if (p.getLateralViews() != null || p.getForClause() != null || p.getForMode() != null) {
      throw new Rejection(RejectReason.FORBIDDEN_STATEMENT, "Unsupported SELECT clause (LATERAL VIEW / FOR …)");
    }
    scanFrom(p.getFromItem());
    if (p.getJoins() != null) {
      p.getJoins().forEach(this::scanJoin);
    }
    for (SelectItem<?> item : p.getSelectItems()) {
      if (item.getAlias() != null) {
        aliases.add(unquote(item.getAlias().getName()));
      }
      visit(item.getExpression());
    }
    visit(p.getWhere());
    visit(p.getHaving());
    visit(p.getQualify());
    GroupByElement g = p.getGroupBy();
    if (g != null) {
      visitAll(g.getGroupByExpressionList());
      if (g.getGroupingSets() != null) {
        g.getGroupingSets().forEach(this::visitAll);
      }
    }
  }

  private void scanJoin(Join j) {
    scanFrom(j.getRightItem());
    if (j.getOnExpressions() != null) {
      j.getOnExpressions().forEach(this::visit);
    }
    if (j.getUsingColumns() != null) {
      columns.addAll(j.getUsingColumns());
    }
  }

  private void scanFrom(FromItem f) {
    if (f == null) {
      return;
    }
    if (f instanceof Table t) {
      scanTable(t);
    } else if (f instanceof TableFunction tf) {
      throw new Rejection(RejectReason.TABLE_FUNCTION, "Table functions are not allowed: " + tf.getFunction().getName());
    } else if (f instanceof ParenthesedFromItem pf) {
      scanFrom(pf.getFromItem());
      if (pf.getJoins() != null) {
        pf.getJoins().forEach(this::scanJoin);
      }
      addDerivedAlias(pf.getAlias());
    } else if (f instanceof LateralSubSelect ls) {
      scanSelect(ls.getSelect());
      addDerivedAlias(ls.getAlias());
    } else if (f instanceof ParenthesedSelect ps) {
      scanSelect(ps.getSelect());
      addDerivedAlias(ps.getAlias());
    } else if (f instanceof Select s) {
      scanSelect(s);
      addDerivedAlias(f.getAlias());
    } else {
      throw new Rejection(RejectReason.FORBIDDEN_STATEMENT, "Unsupported FROM item: " + f.getClass().getSimpleName());
    }
  }

  private void scanTable(Table t) {
    String name = unquote(t.getName());
    String schema = t.getSchemaName() == null ? null : unquote(t.getSchemaName());
    boolean plain = t.getDatabaseName() == null && (schema == null || schema.equals("main"));
    if (plain && schema == null && derived.contains(name)) {
      addDerivedAlias(t.getAlias());
      return;
    }
    if (!plain || domain.table(name).isEmpty()) {
      throw new Rejection(RejectReason.UNKNOWN_TABLE,
          "Unknown table '" + t.getFullyQualifiedName() + "'; the tables are " + domain.tableNames());
    }
    String table = domain.requireTable(name).name();
    domainTables.add(table);
    aliasToTable.put(table, table);
    if (t.getAlias() != null) {
      aliasToTable.put(unquote(t.getAlias().getName()), table);
      addAliasColumns(t.getAlias());
    }
  }

  private void addDerivedAlias(Alias a) {
    if (a != null) {
      derived.add(unquote(a.getName()));
      addAliasColumns(a);
    }
  }

  private void addAliasColumns(Alias a) {
    if (a != null && a.getAliasColumns() != null) {
      a.getAliasColumns().forEach(c -> aliases.add(unquote(c.name)));
    }
  }

  private void visit(Expression e) {
    if (e != null) {
      e.accept(expressions, null);
    }
  }

  private void visitAll(Iterable<? extends Expression> es) {
    if (es != null) {
      es.forEach(this::visit);
    }
  }

  private void checkColumns() {
    for (AllTableColumns star : starQualifiers) {
      String q = unquote(star.getTable().getName());
      if (!aliasToTable.containsKey(q) && !derived.contains(q)) {
        throw new Rejection(RejectReason.UNKNOWN_TABLE, "Unknown table or alias '" + q + "' in " + star);
      }
    }
    for (Column c : columns) {
      String name = unquote(c.getColumnName());
      Table qualifier = c.getTable();
      String q = qualifier == null || qualifier.getName() == null ? null : unquote(qualifier.getName());
      if (q == null) {
        if (!PSEUDO_COLUMNS.contains(name) && !aliases.contains(name) && !inReferencedTable(name)) {
          throw new Rejection(RejectReason.UNKNOWN_COLUMN,
              "Unknown column '" + name + "' (not in " + domainTables + " nor an alias)");
        }
      } else if (aliasToTable.containsKey(q)) {
        String table = aliasToTable.get(q);
        if (domain.requireTable(table).column(name).isEmpty()) {
          throw new Rejection(RejectReason.UNKNOWN_COLUMN,
              "Table '" + table + "' has no column '" + name + "'; its columns are "
                  + domain.requireTable(table).columnNames());
        }
      } else if (derived.contains(q)) {
        if (!aliases.contains(name) && !inReferencedTable(name)) {
          throw new Rejection(RejectReason.UNKNOWN_COLUMN, "Unknown column '" + q + "." + name + "'");
        }
      } else {
        throw new Rejection(RejectReason.UNKNOWN_TABLE, "Unknown table or alias '" + q + "' in " + c);
      }
    }
  }

  private boolean inReferencedTable(String column) {
    return domainTables.stream().anyMatch(t -> domain.requireTable(t).column(column).isPresent());
  }

  /** Strips one level of identifier quotes and lower-cases (DuckDB identifiers are case-insensitive). */
  static String unquote(String id) {
    if (id == null) {
      return null;
    }
    String s = id.strip();
    if (s.length() >= 2) {
      char a = s.charAt(0);
      char b = s.charAt(s.length() - 1);
      if ((a == '"' && b == '"') || (a == '`' && b == '`') || (a == '[' && b == ']')) {
        s = s.substring(1, s.length() - 1).replace("\"\"", "\"");
      }
    }
    return s.toLowerCase(Locale.ROOT);
  }

  static boolean isForbiddenFunction(String name) {
    String n = unquote(name);
    int dot = n.lastIndexOf('.');
    if (dot >= 0) {
      n = n.substring(dot + 1);
    }
    if (FORBIDDEN_FUNCTIONS.contains(n)) {
      return true;
    }
    for (String p : FORBIDDEN_PREFIXES) {
      if (n.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Collects columns and checks function names; routes subqueries back to the scanner. */
  private final class ExpressionScanner extends ExpressionVisitorAdapter<Void> {
    ExpressionScanner() {
      super(router);
    }

    @Override
    public <S> Void visit(Column column, S context) {
      columns.add(column);
      return null;
    }

    @Override
    public <S> Void visit(AllTableColumns all, S context) {
      starQualifiers.add(all);
      return null;
    }

    @Override
    public <S> Void visit(Function f, S context) {
      if (f.getName() != null && isForbiddenFunction(f.getName())) {
        throw new Rejection(RejectReason.TABLE_FUNCTION, "Function not allowed: " + f.getName());
      }
      return super.visit(f, context);
    }

    @Override
    public <S> Void visit(LambdaExpression lambda, S context) {
      lambda.getIdentifiers().forEach(id -> aliases.add(unquote(id)));
      return super.visit(lambda, context);
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
      scanSelect(select);
      return null;
    }

    @Override
    public <S> Void visit(Select select, S context) {
      scanSelect(select);
      return null;
    }
  }

  /** Routes any select the expression adapter meets back to {@link #scanSelect}. */
  private final class SelectRouter implements SelectVisitor<Void> {
    @Override
    public <S> Void visit(ParenthesedSelect s, S context) {
      scanSelect(s);
      return null;
    }

    @Override
    public <S> Void visit(PlainSelect s, S context) {
      scanSelect(s);
      return null;
    }

    @Override
    public <S> Void visit(FromQuery s, S context) {
      throw new Rejection(RejectReason.NOT_A_SELECT, "Piped FROM queries are not supported");
    }

    @Override
    public <S> Void visit(SetOperationList s, S context) {
      scanSelect(s);
      return null;
    }

    @Override
    public <S> Void visit(WithItem<?> s, S context) {
      throw new Rejection(RejectReason.FORBIDDEN_STATEMENT, "Unexpected WITH item");
    }

    @Override
    public <S> Void visit(Values s, S context) {
      scanSelect(s);
      return null;
    }

    @Override
    public <S> Void visit(LateralSubSelect s, S context) {
      scanSelect(s.getSelect());
      return null;
    }

    @Override
    public <S> Void visit(TableStatement s, S context) {
      throw new Rejection(RejectReason.NOT_A_SELECT, "TABLE statements are not supported");
    }
  }
}
