package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.workspace.Sha256;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Freezes the generator's output: the SHA-256 of every candidate (template, SQL, questions) of the small test
 * configuration. Any change of the synthesized dataset must be deliberate: when this fails after a change
 * you meant, put the new hash here and say in the commit what changed in the data and why.
 */
class GoldenCandidatesTest {

  /** Hash of the output of {@code TestData.small()}; see the class comment before changing it. */
  private static final String GOLDEN = "a967a8b0609b8c14abdc307a4af6e1ada5cd4c7e4a68d85ec9d7c64c185ff4b4";

  @Test
  void theSynthesizedCandidatesChangeOnlyDeliberately() {
    List<Candidate> all = new CandidateGenerator(TestData.domain(), TestData.catalog(), TestData.small()).generateAll();
    StringBuilder b = new StringBuilder();
    for (Candidate c : all) {
      b.append(c.templateId()).append('\t').append(c.sql()).append('\n');
      c.questions().forEach(q -> b.append('\t').append(q).append('\n'));
    }
    assertThat(Sha256.ofString(b.toString()))
        .as("hash of the %d candidates of TestData.small() (update GOLDEN only for a deliberate change)", all.size())
        .isEqualTo(GOLDEN);
  }
}
