package dev.quarry.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.model.SqlCandidate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DjlSqlGenerator#firstPassingFirst}: the reordering shared by validator and execution guidance. */
class CandidateOrderTest {

  private static List<SqlCandidate> beam(String... sqls) {
    List<SqlCandidate> out = new ArrayList<>();
    for (int i = 0; i < sqls.length; i++) {
      out.add(new SqlCandidate(sqls[i], -i));
    }
    return out;
  }

  private static List<String> sqls(List<SqlCandidate> cs) {
    return cs.stream().map(SqlCandidate::sql).toList();
  }

  @Test
  void theFirstPassingCandidateMovesToTheFrontAndTheOthersKeepTheirOrder() {
    List<SqlCandidate> cs = beam("a", "b", "ok1", "c", "ok2");
    List<String> checked = new ArrayList<>();
    DjlSqlGenerator.firstPassingFirst(cs, c -> {
      checked.add(c.sql());
      return c.sql().startsWith("ok");
    });
    assertThat(sqls(cs)).containsExactly("ok1", "a", "b", "c", "ok2");
    assertThat(checked).containsExactly("a", "b", "ok1"); // stops at the first that passes
  }

  @Test
  void nothingMovesWhenNoneOrTheFirstPasses() {
    List<SqlCandidate> none = beam("a", "b");
    DjlSqlGenerator.firstPassingFirst(none, c -> false);
    assertThat(sqls(none)).containsExactly("a", "b");

    List<SqlCandidate> first = beam("ok", "b");
    DjlSqlGenerator.firstPassingFirst(first, c -> true);
    assertThat(sqls(first)).containsExactly("ok", "b");
  }
}
