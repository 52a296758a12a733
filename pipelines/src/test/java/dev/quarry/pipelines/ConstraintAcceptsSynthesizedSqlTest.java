package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.workspace.Workspace;
import dev.quarry.synth.generate.Candidate;
import dev.quarry.synth.generate.CandidateGenerator;
import dev.quarry.synth.generate.SynthConfig;
import dev.quarry.synth.generate.ValueCatalog;
import dev.quarry.train.Preprocessor;
import dev.quarry.train.TrainingPair;
import dev.quarry.train.model.SchemaConstraint;
import dev.quarry.train.text.LiteralAnonymizer;
import dev.quarry.train.text.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Constrained decoding must never forbid what the model was trained to write: every token of every synthesized
 * SQL (anonymized as training sees it, with the placeholders of its own question) is admitted by
 * {@link SchemaConstraint} after its prefix, and the end after the whole statement, with the values of its question's
 * literals known (so a number compared with {@code grade_level} is checked against the grade vocabulary). The candidates are synth's
 * real generator over real seed data (seed 42, scale 1), 6 samples per template.
 */
class ConstraintAcceptsSynthesizedSqlTest {

  @TempDir Path ws;

  @Test
  void everySynthesizedStatementIsAnAdmissibleDecodingPath() {
    assertThat(QuarryCli.execute("seed", "--workspace", ws.toString())).isZero();
    Domain domain = DomainLoader.load("education");
    ValueCatalog catalog = ValueCatalog.fromSeed(domain, new Workspace(ws).seedDir("education", 42, 1));
    List<Candidate> candidates;
    try (CandidateGenerator g = new CandidateGenerator(domain, catalog,
        SynthConfig.defaults().withSamplesPerTemplate(6))) {
      candidates = g.generateAll();
    }
    Preprocessor pre = new Preprocessor(new LiteralAnonymizer(domain));
    List<Preprocessor.Tokens> pairs = new ArrayList<>();
    List<String> questions = new ArrayList<>();
    for (Candidate c : candidates) {
      for (String q : c.questions()) {
        pairs.add(pre.tokens(new TrainingPair(q, c.sql())));
        questions.add(q);
      }
    }
    Vocabulary vocab = Vocabulary.build(List.of(), pairs.stream().map(Preprocessor.Tokens::sql).toList(), 1);
    SchemaConstraint.Index index = new SchemaConstraint.Index(vocab, domain);
    List<String> rejected = new ArrayList<>();
    for (int k = 0; k < pairs.size(); k++) {
      Preprocessor.Tokens p = pairs.get(k);
      Map<String, String> literals = new HashMap<>();
      pre.anonymizer().anonymize(questions.get(k)).literals().forEach(l -> literals.put(l.placeholder(), l.sqlToken()));
      SchemaConstraint constraint = new SchemaConstraint(index, literals);
      int[] ids = vocab.encode(p.sql());
      for (int i = 0; i <= ids.length; i++) {
        int next = i == ids.length ? Vocabulary.EOS : ids[i];
        if (!constraint.allows(java.util.Arrays.copyOf(ids, i), next)) {
          rejected.add((i == ids.length ? "<eos>" : p.sql().get(i)) + " at " + i + " in " + String.join(" ", p.sql()));
          break;
        }
      }
    }
    assertThat(candidates).hasSizeGreaterThan(500);
    assertThat(rejected).as("statements the constraint would not let the model write, of %d", pairs.size()).isEmpty();
  }
}
