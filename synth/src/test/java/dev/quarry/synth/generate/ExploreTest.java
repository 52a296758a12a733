package dev.quarry.synth.generate;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.*;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("explore")
class ExploreTest {
  @Test
  void explore() throws Exception {
    Path dir = FakeSeed.write(Files.createTempDirectory("seed"));
    Domain d = DomainLoader.load("education");
    ValueCatalog cat = ValueCatalog.fromSeed(d, dir);
    CandidateGenerator g = new CandidateGenerator(d, cat, SynthConfig.defaults());
    long t0 = System.currentTimeMillis();
    List<Candidate> all = g.generateAll();
    System.out.println("gen ms " + (System.currentTimeMillis() - t0) + " specs " + g.templates().size());
    Map<String, Integer> per = new TreeMap<>();
    int qs = 0;
    for (Candidate c : all) { per.merge(c.templateId(), 1, Integer::sum); qs += c.questions().size(); }
    System.out.println("candidates " + all.size() + " questions " + qs + " " + per);
    Map<String, Set<String>> qToSql = new HashMap<>();
    for (Candidate c : all) for (String q : c.questions()) qToSql.computeIfAbsent(QuestionRealizer.normalize(q), k -> new TreeSet<>()).add(c.sql());
    int coll = 0;
    for (var e : qToSql.entrySet()) if (e.getValue().size() > 1) { if (coll++ < 15) System.out.println("COLLISION " + e.getKey() + " -> " + e.getValue()); }
    System.out.println("collisions " + coll);
    Map<String, List<Candidate>> byT = new TreeMap<>();
    for (Candidate c : all) byT.computeIfAbsent(c.templateId(), k -> new ArrayList<>()).add(c);
    for (var e : byT.entrySet()) for (Candidate c : e.getValue().subList(0, Math.min(2, e.getValue().size()))) {
      System.out.println("\n[" + c.templateId() + "] " + c.sql());
      c.questions().forEach(q -> System.out.println("   " + q));
    }
    int errors = 0, empty = 0;
    Map<String, Integer> emptyPer = new TreeMap<>();
    t0 = System.currentTimeMillis();
    try (Connection conn = FakeSeed.load(dir)) {
      for (Candidate c : all) {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(c.sql())) {
          boolean any = false;
          while (rs.next()) { for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) if (rs.getObject(i) != null) any = true; }
          if (!any) { empty++; emptyPer.merge(c.templateId(), 1, Integer::sum); }
        } catch (Exception ex) { if (errors++ < 10) System.out.println("ERR " + c.sql() + " :: " + ex.getMessage()); }
      }
    }
    System.out.println("exec ms " + (System.currentTimeMillis() - t0) + " errors " + errors + " empty " + empty + " " + emptyPer);
  }
}
