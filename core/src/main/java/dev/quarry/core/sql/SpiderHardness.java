package dev.quarry.core.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Spider's query difficulty ({@code eval_hardness} in {@code evaluation.py} of the Spider benchmark,
 * Yu et al. 2018, "Spider: A Large-Scale Human-Labeled Dataset for Complex and Cross-Domain Semantic
 * Parsing and Text-to-SQL Task", github.com/taoyds/spider), recomputed on a JSqlParser tree.
 *
 * <p>Counts, all on the outermost query only (as Spider does; for a set operation, on its left-most
 * SELECT):
 * <ul>
 *   <li>component1: +1 each for WHERE, GROUP BY, ORDER BY, LIMIT; +1 per join (FROM items − 1); +1 per
 *       OR and per LIKE in the ON, WHERE and HAVING conditions;
 *   <li>component2: +1 per nested query in a condition (IN/EXISTS/comparison subquery), +1 if the query
 *       is a UNION/INTERSECT/EXCEPT;
 *   <li>others: +1 each if there is more than one aggregate (max, min, count, sum, avg in SELECT,
 *       WHERE, GROUP BY, ORDER BY, HAVING), more than one SELECT column, more than one WHERE condition,
 *       more than one GROUP BY column.
 * </ul>
 * Then: EASY if comp1 ≤ 1 and others = 0 and comp2 = 0; MEDIUM if (others ≤ 2 and comp1 ≤ 1 and comp2 =
 * 0) or (comp1 ≤ 2 and others &lt; 2 and comp2 = 0); HARD if (others &gt; 2 and comp1 ≤ 2 and comp2 = 0)
 * or (2 &lt; comp1 ≤ 3 and others ≤ 2 and comp2 = 0) or (comp1 ≤ 1 and others = 0 and comp2 ≤ 1); else
 * EXTRA.
 *
 * <p>Deviations, for SQL that Spider's own parser does not handle: each CTE, derived table in FROM and
 * subquery in the SELECT list or ORDER BY also counts +1 in component2; aggregates inside conditions
 * are counted by function name (Spider's code inspects the NOT flag of condition units there, an
 * artefact); parentheses inside conditions are looked through.
 */
public final class SpiderHardness {

  private static final Set<String> AGGREGATES = Set.of("max", "min", "count", "sum", "avg");

  private SpiderHardness() {}

  /**
   * Classifies one SQL query.
   *
   * @param sql a single SELECT
   * @return its Spider hardness
   * @throws IllegalArgumentException if {@code sql} does not parse as one SELECT
   */
  public static Hardness classify(String sql) {
    return classify(SqlParsing.parseSelect(sql));
  }

  /** Classifies a parsed SELECT (see the class comment). */
  public static Hardness classify(Select select) {
    Counts c = count(select);
    return rule(c.component1, c.component2, c.others);
  }

  /** Spider's {@code eval_hardness} decision on the three counts. */
  static Hardness rule(int comp1, int comp2, int others) {
    if (comp1 <= 1 && others == 0 && comp2 == 0) {
      return Hardness.EASY;
    }
    if ((others <= 2 && comp1 <= 1 && comp2 == 0) || (comp1 <= 2 && others < 2 && comp2 == 0)) {
      return Hardness.MEDIUM;
    }
    if ((others > 2 && comp1 <= 2 && comp2 == 0)
        || (2 < comp1 && comp1 <= 3 && others <= 2 && comp2 == 0)
        || (comp1 <= 1 && others == 0 && comp2 <= 1)) {
      return Hardness.HARD;
    }
    return Hardness.EXTRA;
  }

  /** The three counts. */
  record Counts(int component1, int component2, int others) {}

  static Counts count(Select select) {
    int comp2 = 0;
    Select s = select;
    while (true) {
      if (s.getWithItemsList() != null) {
        comp2 += s.getWithItemsList().size();
      }
      if (s instanceof ParenthesedSelect ps) {
        s = ps.getSelect();
      } else if (s instanceof SetOperationList l) {
        comp2 += 1;
        s = l.getSelects().get(0);
      } else {
        break;
      }
    }
    if (!(s instanceof PlainSelect p)) {
      return new Counts(0, comp2, 0);
    }
    Walker conditions = new Walker();
    int comp1 = 0;
    if (p.getWhere() != null) {
      comp1++;
    }
    GroupByElement g = p.getGroupBy();
    int groupColumns = g == null || g.getGroupByExpressionList() == null ? 0 : g.getGroupByExpressionList().size();
    if (groupColumns > 0) {
      comp1++;
    }
    List<OrderByElement> order = p.getOrderByElements();
    if (order != null && !order.isEmpty()) {
      comp1++;
    }
    if (p.getLimit() != null || p.getFetch() != null || p.getTop() != null) {
      comp1++;
    }
    if (p.getJoins() != null) {
      comp1 += p.getJoins().size();
      for (Join j : p.getJoins()) {
        comp2 += derived(j.getRightItem());
        if (j.getOnExpressions() != null) {
          j.getOnExpressions().forEach(conditions::walk);
        }
      }
    }
    comp2 += derived(p.getFromItem());
    conditions.walk(p.getWhere());
    conditions.walk(p.getHaving());
    comp1 += conditions.ors + conditions.likes;
    comp2 += conditions.subqueries;

    Walker others = new Walker();
    for (SelectItem<?> item : p.getSelectItems()) {
      others.walk(item.getExpression());
    }
    if (g != null && g.getGroupByExpressionList() != null) {
      for (Object e : g.getGroupByExpressionList()) {
        others.walk((Expression) e);
      }
    }
    if (order != null) {
      order.forEach(o -> others.walk(o.getExpression()));
    }
    comp2 += others.subqueries;
    int aggregates = others.aggregates + conditions.aggregates;
    int other = 0;
    if (aggregates > 1) {
      other++;
    }
    if (p.getSelectItems().size() > 1) {
      other++;
    }
    if (conditionUnits(p.getWhere()) > 1) {
      other++;
    }
    if (groupColumns > 1) {
      other++;
    }
    return new Counts(comp1, comp2, other);
  }

  private static int derived(FromItem f) {
    return f == null || f instanceof Table ? 0 : 1;
  }

  /** Number of condition units joined by AND/OR (parentheses looked through). */
  private static int conditionUnits(Expression e) {
    if (e == null) {
      return 0;
    }
    if (e instanceof AndExpression a) {
      return conditionUnits(a.getLeftExpression()) + conditionUnits(a.getRightExpression());
    }
    if (e instanceof OrExpression o) {
      return conditionUnits(o.getLeftExpression()) + conditionUnits(o.getRightExpression());
    }
    if (e instanceof XorExpression x) {
      return conditionUnits(x.getLeftExpression()) + conditionUnits(x.getRightExpression());
    }
    if (e instanceof Parenthesis par) {
      return conditionUnits(par.getExpression());
    }
    if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1 && !(list.get(0) instanceof Select)) {
      return conditionUnits(list.get(0));
    }
    if (e instanceof NotExpression n && isConnective(n.getExpression())) {
      return conditionUnits(n.getExpression());
    }
    return 1;
  }

  private static boolean isConnective(Expression e) {
    return e instanceof AndExpression || e instanceof OrExpression || e instanceof Parenthesis
        || e instanceof ParenthesedExpressionList<?>;
  }

  /** Counts ORs, LIKEs, aggregates and directly nested subqueries, not looking into the subqueries. */
  private static final class Walker extends ExpressionVisitorAdapter<Void> {
    int ors;
    int likes;
    int aggregates;
    int subqueries;

    void walk(Expression e) {
      if (e != null) {
        e.accept(this, null);
      }
    }

    @Override
    public <S> Void visit(OrExpression e, S context) {
      ors++;
      return super.visit(e, context);
    }

    @Override
    public <S> Void visit(LikeExpression e, S context) {
      likes++;
      return super.visit(e, context);
    }

    @Override
    public <S> Void visit(Function f, S context) {
      if (f.getName() != null && AGGREGATES.contains(f.getName().toLowerCase(Locale.ROOT))) {
        aggregates++;
      }
      return super.visit(f, context);
    }

    @Override
    public <S> Void visit(ParenthesedSelect s, S context) {
      subqueries++;
      return null;
    }

    @Override
    public <S> Void visit(Select s, S context) {
      subqueries++;
      return null;
    }
  }
}
