package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.Domain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CandidateGeneratorTest {

  private static Domain domain;
  private static ValueCatalog catalog;
  private static List<Candidate> small;

  @BeforeAll
  static void generate() {
    domain = TestData.domain();
    catalog = TestData.catalog();
    small = new CandidateGenerator(domain, catalog, TestData.small()).generateAll();
  }

  private static CandidateGenerator generator(SynthConfig cfg) {
    return new CandidateGenerator(domain, catalog, cfg);
  }

  @Test
  void expandingTheSameSpecTwiceGivesTheSameCandidatesInTheSameOrder() {
    CandidateGenerator a = generator(TestData.small());
    CandidateGenerator b = generator(TestData.small());
    for (TemplateSpec spec : a.templates()) {
      assertThat(b.expand(spec)).as(spec.id()).isEqualTo(a.expand(spec));
    }
  }

  @Test
  void expansionDoesNotDependOnCallOrder() {
    CandidateGenerator g = generator(TestData.small());
    List<TemplateSpec> specs = g.templates();
    Map<String, List<Candidate>> forward = new HashMap<>();
    specs.forEach(s -> forward.put(s.id(), g.expand(s)));
    CandidateGenerator fresh = generator(TestData.small());
    for (int i = specs.size() - 1; i >= 0; i--) {
      assertThat(fresh.expand(specs.get(i))).isEqualTo(forward.get(specs.get(i).id()));
    }
  }

  @Test
  void anotherSeedGivesOtherCandidates() {
    CandidateGenerator a = generator(TestData.small());
    CandidateGenerator b = generator(TestData.small().withSeed(7));
    int same = 0;
    for (TemplateSpec spec : a.templates()) {
      if (a.expand(spec).equals(b.expand(spec))) {
        same++;
      }
    }
    assertThat(same).isLessThan(a.templates().size() / 10);
  }

  @Test
  void specsAreSmallUniqueAndCoverEveryTable() {
    List<TemplateSpec> specs = generator(TestData.small()).templates();
    assertThat(specs.stream().map(TemplateSpec::id)).doesNotHaveDuplicates();
    Set<String> tables = new HashSet<>();
    specs.forEach(s -> tables.addAll(s.tables()));
    assertThat(tables).containsExactlyInAnyOrderElementsOf(domain.tableNames());
    assertThat(specs).allSatisfy(s -> assertThat(s.tables()).hasSizeBetween(1, 2));
  }

  @Test
  void everyFamilyIsPresent() {
    Set<QueryFamily> families = EnumSet.noneOf(QueryFamily.class);
    small.forEach(c -> families.add(c.family()));
    assertThat(families).containsExactlyInAnyOrder(QueryFamily.values());
  }

  @Test
  void everySqlExecutesOnTheSeedDataAndAlmostAllReturnRows() throws SQLException {
    int empty = 0;
    try (Connection conn = FakeSeed.load(TestData.seedDir())) {
      for (Candidate c : small) {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(c.sql())) {
          boolean value = false;
          while (rs.next()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              value |= rs.getObject(i) != null;
            }
          }
          empty += value ? 0 : 1;
        } catch (SQLException e) {
          throw new AssertionError("Failed: " + c.sql(), e);
        }
      }
    }
    assertThat(empty).as("empty or all-null results").isLessThan(small.size() / 20);
  }

  @Test
  void sqlIsOneStatementOverDomainTablesOnly() {
    Pattern tableRef = Pattern.compile("\\b(?:FROM|JOIN)\\s+([a-z_]+)");
    for (Candidate c : small) {
      assertThat(c.sql()).doesNotContain(";").doesNotContain("\"").doesNotEndWith(" ");
      Matcher m = tableRef.matcher(c.sql());
      while (m.find()) {
        assertThat(domain.tableNames()).as(c.sql()).contains(m.group(1));
      }
    }
  }

  @Test
  void everySqlParsesAsExactlyOneStatementWithJSqlParser() throws Exception {
    for (Candidate c : small) {
      try {
        assertThat(net.sf.jsqlparser.parser.CCJSqlParserUtil.parseStatements(c.sql())).as(c.sql()).hasSize(1);
      } catch (net.sf.jsqlparser.JSQLParserException e) {
        throw new AssertionError("JSqlParser rejects: " + c.sql(), e);
      }
    }
  }

  @Test
  void everyQuestionExpressesEveryLiteral() {
    LiteralCheck check = new LiteralCheck();
    for (Candidate c : small) {
      for (String q : c.questions()) {
        assertThat(check.allExpressed(q, c)).as(q + " / " + c.sql()).isTrue();
      }
      for (LiteralPhrases l : c.literals()) {
        assertThat(c.sql()).contains(l.sql());
      }
    }
  }

  @Test
  void candidatesHaveThreeToFiveDistinctQuestions() {
    long withFewer = small.stream().filter(c -> c.questions().size() < 3).count();
    assertThat(withFewer).isLessThan(small.size() / 50);
    for (Candidate c : small) {
      assertThat(c.questions()).hasSizeLessThanOrEqualTo(5);
      assertThat(c.questions().stream().map(QuestionRealizer::normalize)).doesNotHaveDuplicates();
    }
  }

  @Test
  void noQuestionIsUsedForTwoDifferentSqls() {
    Map<String, Set<String>> sqlsByQuestion = new HashMap<>();
    for (Candidate c : small) {
      for (String q : c.questions()) {
        sqlsByQuestion.computeIfAbsent(QuestionRealizer.normalize(q), k -> new TreeSet<>()).add(c.sql());
      }
    }
    List<String> clashes = new ArrayList<>();
    sqlsByQuestion.forEach((q, sqls) -> {
      if (sqls.size() > 1) {
        clashes.add(q + " -> " + sqls);
      }
    });
    assertThat(clashes).isEmpty();
  }

  @Test
  void relativeYearPhrasesMapToTheRightYear() {
    int seen = 0;
    for (Candidate c : small) {
      for (String q : c.questions()) {
        String lower = q.toLowerCase();
        if (lower.contains("last year") || lower.contains("last school year")) {
          assertThat(c.sql()).as(q).contains("'2023-2024'");
          seen++;
        }
        if (lower.contains("this year") || lower.contains("current school year")) {
          assertThat(c.sql()).as(q).contains("'2024-2025'");
          seen++;
        }
      }
    }
    assertThat(seen).isGreaterThan(20);
  }

  @Test
  void aSumOfAnEntityCountingMeasureInOneYearIsAlsoAskedAsHowManyStudents() {
    List<String> counted = new ArrayList<>();
    for (Candidate c : small) {
      boolean sum = c.sql().startsWith("SELECT SUM(student_count)");
      boolean oneYear = c.sql().contains("school_year = '");
      for (String q : c.questions()) {
        String lower = q.toLowerCase(java.util.Locale.ROOT);
        boolean asksCount = lower.contains("how many") || lower.contains("number of");
        if (sum && asksCount) {
          assertThat(oneYear).as("a headcount over several years is not a number of students: %s", q).isTrue();
          counted.add(q);
        }
      }
    }
    assertThat(counted).hasSizeGreaterThan(3);
  }

  /**
   * "How many students were chronically absent in 2023-24?": the entity count over a fact table also says one of its
   * filters as the entity's predicate, and the predicate is the SQL's condition (a flag's TRUE or FALSE value).
   */
  @Test
  void entityCountsAlsoSayAFlagAsTheEntitysPredicate() {
    Pattern predicate = Pattern.compile("^(?:How many|Count the|Number of) (\\w+) who were |^How many (\\w+) were ",
        Pattern.CASE_INSENSITIVE);
    int said = 0;
    for (Candidate c : small) {
      if (!c.templateId().equals("count-distinct-entity")) {
        continue;
      }
      for (String q : c.questions()) {
        if (!predicate.matcher(q).find()) {
          continue;
        }
        said++;
        assertThat(c.sql()).as(q).startsWith("SELECT COUNT(DISTINCT ").contains(" WHERE ");
        String lower = q.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("were chronically absent")) {
          assertThat(c.sql()).as(q).contains("is_chronically_absent = TRUE");
        } else if (lower.contains("were not chronically absent") || lower.contains("were regularly attending")) {
          assertThat(c.sql()).as(q).contains("is_chronically_absent = FALSE");
        }
      }
    }
    assertThat(said).isGreaterThan(0);
  }

  /**
   * A question about one recent school year that the domain names relatively says it relatively about half the
   * time, and the phrase names the year of the SQL: "this year" is the current year, "last year" the one before.
   */
  @Test
  void aRecentYearIsSaidRelativelyAboutHalfTheTime() {
    Pattern current = Pattern.compile("school_year = '2024-2025'");
    Pattern onlyOneYear = Pattern.compile("school_year (?:IN|<|>|BETWEEN)|school_year = '[0-9-]+'.*school_year = '");
    int questions = 0;
    int relative = 0;
    for (Candidate c : small) {
      if (!current.matcher(c.sql()).find() || onlyOneYear.matcher(c.sql()).find() || c.sql().contains("'2023-2024'")) {
        continue;
      }
      for (String q : c.questions()) {
        questions++;
        String lower = q.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("this year") || lower.contains("this school year") || lower.contains("current school year")) {
          relative++;
        }
        assertThat(lower).as("%s for %s", q, c.sql()).doesNotContain("last year").doesNotContain("years ago");
      }
    }
    assertThat(questions).isGreaterThan(100);
    assertThat((double) relative / questions).as("%d of %d say the current year relatively", relative, questions)
        .isBetween(0.4, 0.75);
  }

  @Test
  void whichGroupQuestionsSelectTheGroupsAloneAndOnlyQuestionsAskingForValuesSelectTheAggregate() {
    int which = 0;
    int values = 0;
    for (Candidate c : small) {
      if (!List.of("top-n-group", "having-count", "having-average", "having-keys").contains(c.templateId())) {
        continue;
      }
      String select = c.sql().substring(0, c.sql().indexOf(" FROM "));
      boolean aggregate = select.contains("(");
      for (String q : c.questions()) {
        String lower = q.toLowerCase(java.util.Locale.ROOT).replace("w/ ", "with ");
        boolean asksValues = lower.contains("with their") || lower.contains("how many") || lower.contains("what is it")
            || lower.contains("the value") || lower.contains("that mean");
        assertThat(aggregate).as("%s  =>  %s", q, c.sql()).isEqualTo(asksValues);
        if (asksValues) {
          values++;
        } else {
          which++;
        }
      }
    }
    assertThat(which).isGreaterThan(values).isGreaterThan(20);
    assertThat(values).isGreaterThan(5);
  }

  @Test
  void idIsAStableHashOfTemplateAndSql() {
    for (Candidate c : small) {
      assertThat(c.id()).isEqualTo(Seeds.hexId(c.templateId(), c.sql())).hasSize(16);
    }
    assertThat(small.stream().map(Candidate::sql)).doesNotHaveDuplicates();
  }

  @Test
  void countsFollowTheConfiguration() {
    CandidateGenerator g = generator(SynthConfig.defaults().withSamplesPerTemplate(3).withQuestions(2, 1));
    TemplateSpec spec = g.templates().get(0);
    List<Candidate> cs = g.expand(spec);
    assertThat(cs).hasSizeLessThanOrEqualTo(spec.samples()).isNotEmpty();
    assertThat(cs).allSatisfy(c -> assertThat(c.questions()).hasSizeBetween(1, 2));
  }

  @Test
  void theGeneratorSurvivesSerializationAndExpandsTheSame() throws Exception {
    CandidateGenerator g = generator(TestData.small());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(g);
    }
    CandidateGenerator back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (CandidateGenerator) in.readObject();
    }
    TemplateSpec spec = g.templates().get(5);
    assertThat(back.expand(spec)).isEqualTo(g.expand(spec));
  }
}
