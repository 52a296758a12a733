package dev.quarry.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.train.text.SqlTokens;
import dev.quarry.train.text.Vocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaConstraintTest {

  private static final Domain DOMAIN = DomainLoader.load("education");
  private static final List<String> SQLS = List.of(
      "SELECT school_name , COUNT ( * ) AS count FROM discipline WHERE school_year = <year_1> GROUP BY school_name",
      "SELECT COUNT ( * ) FROM students JOIN attendance ON students.student_id = attendance.student_id "
          + "WHERE attendance.is_chronically_absent = TRUE AND students.special_education = TRUE",
      "SELECT AVG ( gpa ) FROM grades WHERE course_name = <courses_1> AND student_id IN ( SELECT student_id "
          + "FROM discipline WHERE severity = <severities_1> ) ORDER BY count DESC LIMIT <num_1>",
      "SELECT grade_level , AVG ( absence_count ) FROM attendance WHERE school_name = <schools_1> OR gender = 'Male'",
      "SELECT letter_grade , term , action_taken , student_count , race_ethnicity FROM enrollment",
      "SELECT strftime ( incident_date , '%Y-%m' ) AS month , COUNT ( * ) AS count FROM discipline WHERE "
          + "is_chronically_absent = FALSE AND grade_level BETWEEN <num_1> AND 8 AND term NOT IN ( <terms_1> , 'F' ) "
          + "GROUP BY month HAVING COUNT ( * ) > 2 ORDER BY month LIMIT 5",
      "SELECT students.gender , AVG ( grades.gpa ) AS avg_gpa FROM students JOIN grades ON students.student_id = "
          + "grades.student_id GROUP BY students.gender , students.grade_level",
      "SELECT attendance.school_year FROM attendance",
      "SELECT school_name FROM enrollment GROUP BY school_name HAVING SUM ( student_count ) > 700");
  private static final Vocabulary VOCAB = Vocabulary.build(List.of(), SQLS.stream().map(SqlTokens::tokenize).toList(), 1);

  private static SchemaConstraint constraint(String... placeholders) {
    return new SchemaConstraint(VOCAB, DOMAIN, Set.of(placeholders));
  }

  private static int[] ids(String sql) {
    return VOCAB.encode(SqlTokens.tokenize(sql));
  }

  private static boolean allows(SchemaConstraint c, String prefix, String next) {
    return c.allows(ids(prefix), next.equals("<eos>") ? Vocabulary.EOS : VOCAB.id(next));
  }

  @Test
  void placeholdersOnlyWhenTheQuestionCarriesThatLiteral() {
    SchemaConstraint c = constraint("<year_1>");
    assertThat(allows(c, "SELECT COUNT ( * ) FROM discipline WHERE school_year =", "<year_1>")).isTrue();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM discipline WHERE school_name =", "<schools_1>")).isFalse();
  }

  @Test
  void afterFromOnlyATableThatHasTheColumnsAlreadySelected() {
    SchemaConstraint c = constraint();
    assertThat(allows(c, "SELECT school_name , COUNT ( * ) FROM", "discipline")).isTrue();
    assertThat(allows(c, "SELECT gpa FROM", "discipline")).isFalse();
    assertThat(allows(c, "SELECT gpa FROM", "grades")).isTrue();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM", "school_name")).isFalse();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM", "(")).isTrue();
  }

  @Test
  void columnsAfterFromMustBeInScopeIncludingEnclosingLevels() {
    SchemaConstraint c = constraint();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM students WHERE", "school_year")).isFalse();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM students WHERE", "gender")).isTrue();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM students JOIN attendance ON students.student_id = "
        + "attendance.student_id WHERE", "attendance.school_year")).isTrue();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM students WHERE student_id IN ( SELECT student_id FROM grades WHERE",
        "course_name")).isTrue();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM students WHERE student_id IN ( SELECT student_id FROM grades WHERE",
        "gender")).isTrue();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM students WHERE student_id IN ( SELECT student_id FROM grades ) AND",
        "course_name")).isFalse();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM students WHERE", "attendance.student_id")).isFalse();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM students WHERE", "students.student_id")).isTrue();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM students JOIN attendance ON", "attendance.gender")).isFalse();
  }

  @Test
  void anAliasIsNotAColumn() {
    SchemaConstraint c = constraint();
    assertThat(allows(c, "SELECT school_name , COUNT ( * ) AS count FROM discipline GROUP BY school_name ORDER BY",
        "count")).isTrue();
  }

  @Test
  void endOnlyWithBracketsClosedAndNothingLeftOpen() {
    SchemaConstraint c = constraint();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM students", "<eos>")).isTrue();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM students WHERE", "<eos>")).isFalse();
    assertThat(allows(c, "SELECT COUNT ( * ", "<eos>")).isFalse();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM students", ")")).isFalse();
    assertThat(allows(c, "", "<eos>")).isFalse();
  }

  @Test
  void aStatementQualifiesEveryColumnOrNoneSoAJoinNeverFollowsAnUnqualifiedColumn() {
    SchemaConstraint c = constraint();
    assertThat(allows(c, "SELECT school_name ,", "attendance.absence_count")).isFalse();
    assertThat(allows(c, "SELECT students.gender ,", "gpa")).isFalse();
    assertThat(allows(c, "SELECT school_name , COUNT ( * ) FROM students", "JOIN")).isFalse();
    assertThat(allows(c, "SELECT students.gender , COUNT ( * ) FROM students", "JOIN")).isTrue();
  }

  @Test
  void aQualifiedColumnNeedsItsTableInTheFromClause() {
    SchemaConstraint c = constraint();
    String prefix = "SELECT COUNT ( DISTINCT students.student_id ) AS count FROM grades";
    assertThat(allows(c, prefix, "WHERE")).isFalse();
    assertThat(allows(c, prefix, "<eos>")).isFalse();
    assertThat(allows(c, prefix, "JOIN")).isTrue();
    assertThat(allows(c, prefix + " JOIN students ON students.student_id = grades.student_id", "WHERE")).isTrue();
  }

  @Test
  void selectedColumnsOutsideAggregatesAreExactlyTheGroupByList() {
    SchemaConstraint c = constraint();
    String select = "SELECT school_name , COUNT ( * ) AS count FROM discipline WHERE school_year = <year_1>";
    assertThat(allows(c, select, "<eos>")).as("an aggregate with a plain column needs GROUP BY").isFalse();
    assertThat(allows(c, select, "ORDER")).isFalse();
    assertThat(allows(c, select + " GROUP BY", "grade_level")).isFalse();
    assertThat(allows(c, select + " GROUP BY", "school_name")).isTrue();
    assertThat(allows(c, select + " GROUP BY school_name", ",")).as("nothing left to group").isFalse();
    assertThat(allows(c, select + " GROUP BY school_name", "<eos>")).isTrue();
    String two = "SELECT students.gender , students.grade_level , AVG ( grades.gpa ) AS avg_gpa FROM students JOIN "
        + "grades ON students.student_id = grades.student_id GROUP BY students.gender";
    assertThat(allows(c, two, "<eos>")).as("students.grade_level is not grouped yet").isFalse();
    assertThat(allows(c, two, ",")).isTrue();
    assertThat(allows(c, two + " ,", "students.grade_level")).isTrue();
  }

  @Test
  void havingAndOrderByUseOnlyGroupedColumnsOutsideAggregates() {
    SchemaConstraint c = constraint();
    String grouped = "SELECT school_name FROM grades GROUP BY school_name";
    assertThat(allows(c, grouped + " ORDER BY AVG ( gpa ) DESC ,", "grade_level")).isFalse();
    assertThat(allows(c, grouped + " ORDER BY", "school_name")).isTrue();
    assertThat(allows(c, grouped + " HAVING AVG (", "gpa")).isTrue();
    assertThat(allows(c, grouped + " HAVING AVG ( gpa ) >", "gpa")).isFalse();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM grades ORDER BY", "gpa")).isFalse();
    assertThat(allows(c, "SELECT gpa FROM grades ORDER BY", "gpa")).isTrue();
  }

  @Test
  void clausesComeOnceInSqlOrderAndHavingOnlyAfterGroupBy() {
    SchemaConstraint c = constraint();
    assertThat(allows(c, "SELECT school_name FROM grades WHERE gpa > 2", "HAVING")).isFalse();
    assertThat(allows(c, "SELECT school_name FROM grades GROUP BY school_name ORDER BY school_name", "GROUP"))
        .isFalse();
    assertThat(allows(c, "SELECT school_name FROM grades GROUP BY school_name ORDER BY school_name", "LIMIT"))
        .isTrue();
  }

  @Test
  void groupAndOrderByNameOnlyAliasesThePrefixDefined() {
    SchemaConstraint c = constraint();
    String withAlias = "SELECT strftime ( incident_date , '%Y-%m' ) AS month , COUNT ( * ) AS count FROM discipline";
    assertThat(allows(c, withAlias + " GROUP BY", "month")).isTrue();
    assertThat(allows(c, "SELECT COUNT ( * ) AS count FROM discipline WHERE grade_level = 8 GROUP BY", "month"))
        .isFalse();
    assertThat(allows(c, "SELECT COUNT ( * ) AS count FROM discipline GROUP BY", "strftime")).isTrue();
  }

  @Test
  void aNumberComparedWithAVocabularyColumnIsOneOfItsValues() {
    SchemaConstraint.Index index = new SchemaConstraint.Index(VOCAB, DOMAIN);
    SchemaConstraint c = new SchemaConstraint(index, Map.of("<num_1>", "100"));
    SchemaConstraint nine = new SchemaConstraint(index, Map.of("<num_1>", "9"));
    String from = "SELECT COUNT ( * ) FROM discipline WHERE ";
    assertThat(allows(c, from + "grade_level =", "<num_1>")).as("no grade 100").isFalse();
    assertThat(allows(nine, from + "grade_level =", "<num_1>")).isTrue();
    assertThat(allows(c, from + "grade_level =", "8")).isTrue();
    assertThat(allows(c, from + "grade_level >", "700")).isFalse();
    assertThat(allows(c, from + "grade_level BETWEEN 8 AND", "<num_1>")).isFalse();
    assertThat(allows(nine, from + "grade_level BETWEEN 8 AND", "<num_1>")).isTrue();
    assertThat(allows(c, from + "grade_level IN ( 8 ,", "5")).isTrue();
    assertThat(allows(c, from + "grade_level IN ( 8 ,", "<num_1>")).isFalse();
    assertThat(allows(c, from + "days_suspended >", "<num_1>")).as("a measure has no vocabulary").isTrue();
    assertThat(allows(c, from + "days_suspended >", "700")).isTrue();
    assertThat(allows(c, "SELECT school_name FROM discipline GROUP BY school_name HAVING COUNT ( * ) >", "<num_1>"))
        .isTrue();
    assertThat(allows(constraint("<num_1>"), from + "grade_level =", "<num_1>"))
        .as("a placeholder whose value is not known is not checked").isTrue();
    assertThat(SchemaConstraint.canonicalNumber("9.0")).isEqualTo("9");
    assertThat(SchemaConstraint.canonicalNumber("09")).isEqualTo("9");
    assertThat(SchemaConstraint.canonicalNumber("nine")).isNull();
  }

  @Test
  void noLiteralTwiceInOneInList() {
    SchemaConstraint c = constraint("<year_1>", "<terms_1>");
    assertThat(allows(c, "SELECT COUNT ( * ) FROM attendance WHERE school_year IN ( <year_1> ,", "<year_1>")).isFalse();
    assertThat(allows(c, "SELECT COUNT ( * ) FROM attendance WHERE school_year IN (", "<year_1>")).isTrue();
    String grades = "SELECT COUNT ( * ) FROM grades WHERE ";
    assertThat(allows(c, grades + "term NOT IN ( <terms_1> ,", "<terms_1>")).isFalse();
    assertThat(allows(c, grades + "term NOT IN ( <terms_1> ,", "'F'")).isTrue();
    assertThat(allows(c, grades + "term IN ( 'F' , <terms_1> ,", "'F'")).isFalse();
    assertThat(allows(c, grades + "term = <terms_1> OR term =", "<terms_1>")).as("not a list").isTrue();
  }

  @Test
  void aComparedLiteralHasTheColumnsType() {
    SchemaConstraint c = constraint("<num_1>", "<terms_1>", "<schools_1>", "<year_1>");
    String from = "SELECT COUNT ( * ) FROM attendance WHERE ";
    assertThat(allows(c, from + "is_chronically_absent =", "FALSE")).isTrue();
    assertThat(allows(c, from + "is_chronically_absent =", "<num_1>")).isFalse();
    assertThat(allows(c, from + "school_year =", "FALSE")).isFalse();
    assertThat(allows(c, from + "school_year =", "<year_1>")).isTrue();
    assertThat(allows(c, from + "grade_level =", "<year_1>")).as("a school year is no grade").isFalse();
    assertThat(allows(c, from + "grade_level BETWEEN", "<num_1>")).isTrue();
    assertThat(allows(c, from + "grade_level BETWEEN <num_1> AND", "8")).isTrue();
    assertThat(allows(c, from + "grade_level BETWEEN <num_1> AND", "'F'")).isFalse();
    assertThat(allows(c, from + "school_name =", "<num_1>")).isFalse();
    assertThat(allows(c, from + "school_name =", "<schools_1>")).isTrue();
    String grades = "SELECT COUNT ( * ) FROM grades WHERE ";
    assertThat(allows(c, grades + "term NOT IN (", "<schools_1>")).as("another vocabulary").isFalse();
    assertThat(allows(c, grades + "term NOT IN ( <terms_1> ,", "'F'")).isTrue();
    assertThat(allows(c, grades + "term NOT IN ( <terms_1> ,", "8")).isFalse();
    assertThat(allows(c, grades + "term =", "grade_level")).as("a column is no literal").isTrue();
  }

  /**
   * Property over random decoding paths: whatever the model's scores, a path that follows the constraint never
   * holds a placeholder the question lacks, a qualified column of another table, a non-table after FROM/JOIN,
   * a negative bracket depth, or an end with open brackets.
   */
  @Test
  void randomConstrainedPathsNeverHoldAnInvalidPrefix() {
    Set<String> tables = new HashSet<>();
    DOMAIN.tables().forEach(t -> tables.add(t.name()));
    Random rng = new Random(20261202L);
    Set<String> literals = Set.of("<year_1>", "<schools_1>");
    SchemaConstraint c = new SchemaConstraint(VOCAB, DOMAIN, literals);
    int ended = 0;
    for (int path = 0; path < 400; path++) {
      List<Integer> prefix = new ArrayList<>();
      for (int step = 0; step < 40; step++) {
        int[] p = prefix.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> allowed = new ArrayList<>();
        for (int id = 0; id < VOCAB.size(); id++) {
          if (c.allows(p, id)) {
            allowed.add(id);
          }
        }
        assertThat(allowed).as("never a dead end after %s", tokens(p)).isNotEmpty();
        int next = allowed.get(rng.nextInt(allowed.size()));
        if (next == Vocabulary.EOS) {
          assertThat(depth(tokens(p))).isZero();
          ended++;
          break;
        }
        prefix.add(next);
      }
      List<String> t = tokens(prefix.stream().mapToInt(Integer::intValue).toArray());
      int depth = 0;
      for (int i = 0; i < t.size(); i++) {
        String tok = t.get(i);
        depth += tok.equals("(") ? 1 : tok.equals(")") ? -1 : 0;
        assertThat(depth).as("bracket depth in %s", t).isNotNegative();
        if (tok.startsWith("<")) {
          assertThat(literals).as("placeholder in %s", t).contains(tok);
        }
        if (i > 0 && (t.get(i - 1).equals("FROM") || t.get(i - 1).equals("JOIN"))) {
          assertThat(tables.contains(tok) || tok.equals("(")).as("after FROM/JOIN in %s", t).isTrue();
        }
        int dot = tok.indexOf('.');
        if (dot > 0 && tables.contains(tok.substring(0, dot))) {
          String table = tok.substring(0, dot);
          assertThat(DOMAIN.tables().stream().filter(x -> x.name().equals(table)).findFirst().orElseThrow().columns())
              .as("qualified column in %s", t).anyMatch(col -> col.name().equals(tok.substring(dot + 1)));
        }
      }
    }
    assertThat(ended).as("some random paths reach an allowed end").isPositive();
  }

  private static List<String> tokens(int[] ids) {
    List<String> out = new ArrayList<>();
    for (int id : ids) {
      out.add(VOCAB.token(id));
    }
    return out;
  }

  private static int depth(List<String> t) {
    int d = 0;
    for (String s : t) {
      d += s.equals("(") ? 1 : s.equals(")") ? -1 : 0;
    }
    return d;
  }
}
