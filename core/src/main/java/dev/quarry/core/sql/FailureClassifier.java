package dev.quarry.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Classifies a wrong answer by the first clause in which the predicted SQL differs from the gold SQL
 * ({@link FailureClass}, checked in declaration order), so a report can count what to fix next. Both queries
 * are compared on their outermost SELECT (the left-most one of a set operation); subqueries count only
 * through the tables they read. Names are compared case-insensitively and without table qualifiers;
 * {@code TRUE}/{@code FALSE} count as literals, not columns; a filter's comparison operators count with its
 * literals, so {@code > 5} for {@code < 5} is a wrong filter value.
 *
 * <p>Queries are measured with {@link SqlShape} before parsing, so a pathological prediction is
 * {@link FailureClass#INVALID_SQL} instead of a deep recursive walk. Thread-safe (stateless).
 */
public final class FailureClassifier {

  private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "median", "mode",
      "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "count_star", "string_agg", "list",
      "array_agg", "arg_max", "arg_min", "quantile_cont", "quantile_disc", "bool_and", "bool_or");

  private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false");

  private FailureClassifier() {}

  /**
   * Classifies a prediction whose result differs from the gold result.
   *
   * @param goldSql the gold SQL (a single SELECT)
   * @param predictedSql the predicted SQL; null or blank when the model produced none
   * @param predictionRan whether the prediction passed validation and executed (false: {@code INVALID_SQL})
   * @return the first clause that differs, {@link FailureClass#OTHER} when none does, or
   *     {@link FailureClass#INVALID_SQL} when the prediction did not run or does not parse
   */
  public static FailureClass classify(String goldSql, String predictedSql, boolean predictionRan) {
    if (!predictionRan || predictedSql == null || predictedSql.isBlank() || !shapeOk(predictedSql)) {
      return FailureClass.INVALID_SQL;
    }
    Parts gold;
    Parts pred;
    try {
      pred = Parts.of(SqlParsing.parseSelect(predictedSql));
    } catch (RuntimeException e) {
      return FailureClass.INVALID_SQL;
    }
    try {
      gold = Parts.of(SqlParsing.parseSelect(goldSql));
    } catch (RuntimeException e) {
      return FailureClass.OTHER;
    }
    if (!gold.tables.equals(pred.tables)) {
      return FailureClass.WRONG_TABLE;
    }
    if (!gold.aggregates.equals(pred.aggregates)) {
      return FailureClass.WRONG_AGGREGATE;
    }
    if (!gold.selectColumns.equals(pred.selectColumns)) {
      return FailureClass.WRONG_COLUMN;
    }
    if (!pred.filterColumns.containsAll(gold.filterColumns)) {
      return FailureClass.MISSING_FILTER;
    }
    if (!gold.filterColumns.containsAll(pred.filterColumns)) {
      return FailureClass.EXTRA_FILTER;
    }
    if (!gold.filterLiterals.equals(pred.filterLiterals)) {
      return FailureClass.WRONG_FILTER_VALUE;
    }
    if (!gold.groupBy.equals(pred.groupBy)) {
      return FailureClass.WRONG_GROUPING;
    }
    if (!gold.orderBy.equals(pred.orderBy) || !gold.limit.equals(pred.limit)) {
      return FailureClass.WRONG_ORDER_LIMIT;
    }
    return FailureClass.OTHER;
  }

  private static boolean shapeOk(String sql) {
    SqlShape s = SqlShape.of(sql);
    return s.maxDepth() <= SqlShape.MAX_DEPTH && s.operators() <= SqlShape.MAX_OPERATORS;
  }

  /** The compared parts of one outermost SELECT. */
  private record Parts(Set<String> tables, List<String> aggregates, Set<String> selectColumns,
      Set<String> filterColumns, Set<String> filterLiterals, Set<String> groupBy, List<String> orderBy,
      String limit) {

    static Parts of(Select select) {
      Set<String> tables = new TreeSet<>();
      collectTables(select, tables);
      PlainSelect ps = leftMost(select);
      if (ps == null) {
        return new Parts(tables, List.of(), Set.of(), Set.of(), Set.of(), Set.of(), List.of(), "");
      }
      Collector sel = new Collector();
      for (SelectItem<?> item : ps.getSelectItems()) {
        sel.walk(item.getExpression());
      }
      Collector filter = new Collector();
      filter.walk(ps.getWhere());
      filter.walk(ps.getHaving());
      Collector group = new Collector();
      if (ps.getGroupBy() != null && ps.getGroupBy().getGroupByExpressionList() != null) {
        for (Object e : ps.getGroupBy().getGroupByExpressionList()) {
          group.walk((Expression) e);
        }
      }
      List<String> order = new ArrayList<>();
      if (ps.getOrderByElements() != null) {
        for (OrderByElement o : ps.getOrderByElements()) {
          Collector c = new Collector();
          c.walk(o.getExpression());
          order.add(c.columns + "/" + c.aggregates + (o.isAsc() ? " asc" : " desc"));
        }
      }
      String limit = ps.getLimit() == null ? "" : String.valueOf(ps.getLimit()).toLowerCase(Locale.ROOT);
      List<String> aggs = new ArrayList<>(sel.aggregates);
      aggs.sort(null);
      return new Parts(tables, aggs, sel.columns, filter.columns, filter.literals, group.columns, order, limit);
    }

    private static PlainSelect leftMost(Select s) {
      if (s instanceof PlainSelect p) {
        return p;
      }
      if (s instanceof ParenthesedSelect p) {
        return leftMost(p.getSelect());
      }
      if (s instanceof net.sf.jsqlparser.statement.select.SetOperationList l && !l.getSelects().isEmpty()) {
        return leftMost(l.getSelects().get(0));
      }
      return null;
    }

    private static void collectTables(Select s, Set<String> out) {
      try {
        for (String t : new net.sf.jsqlparser.util.TablesNamesFinder<Void>().getTables((net.sf.jsqlparser.statement.Statement) s)) {
          String n = t.toLowerCase(Locale.ROOT).replace("\"", "");
          out.add(n.substring(n.lastIndexOf('.') + 1));
        }
      } catch (RuntimeException e) {
        PlainSelect p = leftMost(s);
        if (p != null && p.getFromItem() instanceof Table t) {
          out.add(t.getName().toLowerCase(Locale.ROOT));
          if (p.getJoins() != null) {
            for (Join j : p.getJoins()) {
              if (j.getRightItem() instanceof Table r) {
                out.add(r.getName().toLowerCase(Locale.ROOT));
              }
            }
          }
        }
      }
    }
  }

  /** Collects column names, aggregate names and literals of one expression, not entering subqueries. */
  private static final class Collector extends ExpressionVisitorAdapter<Void> {
    final Set<String> columns = new TreeSet<>();
    final List<String> aggregates = new ArrayList<>();
    final Set<String> literals = new TreeSet<>();

    void walk(Expression e) {
      if (e != null) {
        e.accept(this, null);
      }
    }

    @Override
    public <S> Void visit(Column c, S context) {
      String n = c.getColumnName().toLowerCase(Locale.ROOT).replace("\"", "");
      if (BOOLEAN_WORDS.contains(n)) {
        literals.add(n);
      } else {
        columns.add(n);
      }
      return null;
    }

    @Override
    public <S> Void visit(Function f, S context) {
      if (f.getName() != null && AGGREGATES.contains(f.getName().toLowerCase(Locale.ROOT))) {
        aggregates.add(f.getName().toLowerCase(Locale.ROOT) + (f.isDistinct() ? " distinct" : ""));
      }
      return super.visit(f, context);
    }

    @Override
    public <S> Void visit(StringValue v, S context) {
      literals.add("'" + v.getValue() + "'");
      return null;
    }

    private <S> Void comparison(ComparisonOperator e, S context) {
      literals.add("op " + e.getStringExpression());
      e.getLeftExpression().accept(this, context);
      e.getRightExpression().accept(this, context);
      return null;
    }

    @Override
    public <S> Void visit(EqualsTo e, S context) {
      return comparison(e, context);
    }

    @Override
    public <S> Void visit(NotEqualsTo e, S context) {
      return comparison(e, context);
    }

    @Override
    public <S> Void visit(GreaterThan e, S context) {
      return comparison(e, context);
    }

    @Override
    public <S> Void visit(GreaterThanEquals e, S context) {
      return comparison(e, context);
    }

    @Override
    public <S> Void visit(MinorThan e, S context) {
      return comparison(e, context);
    }

    @Override
    public <S> Void visit(MinorThanEquals e, S context) {
      return comparison(e, context);
    }

    @Override
    public <S> Void visit(BooleanValue v, S context) {
      literals.add(String.valueOf(v.getValue()));
      return null;
    }

    @Override
    public <S> Void visit(LongValue v, S context) {
      literals.add(v.getStringValue());
      return null;
    }

    @Override
    public <S> Void visit(DoubleValue v, S context) {
      literals.add(String.valueOf(v.getValue()));
      return null;
    }

    @Override
    public <S> Void visit(DateValue v, S context) {
      literals.add("'" + v.getValue() + "'");
      return null;
    }

    @Override
    public <S> Void visit(DateTimeLiteralExpression v, S context) {
      literals.add(v.getValue());
      return null;
    }

    @Override
    public <S> Void visit(ParenthesedSelect s, S context) {
      return null;
    }

    @Override
    public <S> Void visit(Select s, S context) {
      return null;
    }
  }
}
