package dev.quarry.train.knn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.model.Generation;
import dev.quarry.train.TinyDataset;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearestQuestionGeneratorTest {

  private static final Domain DOMAIN = DomainLoader.load("education");

  @Test
  void answersARewordedQuestionWithItsNeighboursSqlAndItsOwnLiterals(@TempDir Path tmp) throws Exception {
    Path data = TinyDataset.write(tmp.resolve("data"), 120, 7);
    try (NearestQuestionGenerator g = NearestQuestionGenerator.build(data, DOMAIN, tmp.resolve("cache"), 3, n -> {})) {
      Generation count = g.generate("how many kids at Kennedy Prep were absent more than 9 times in 2022-23");
      assertThat(count.bestSql()).isEqualTo("SELECT COUNT ( * ) AS count FROM attendance WHERE school_name = "
          + "'Kennedy Prep' AND school_year = '2022-2023' AND absence_count > 9");
      Generation top = g.generate("show me the 4 kids with the most absences at Lincoln");
      assertThat(top.bestSql()).contains("'Lincoln Elementary'").endsWith("LIMIT 4");
      assertThat(top.candidates()).hasSizeLessThanOrEqualTo(3);
    }
  }

  @Test
  void neverReturnsSqlWithAPlaceholderTheQuestionCannotFill(@TempDir Path tmp) throws Exception {
    Path data = TinyDataset.write(tmp.resolve("data"), 60, 3);
    try (NearestQuestionGenerator g = NearestQuestionGenerator.build(data, DOMAIN, tmp.resolve("cache"), 5, n -> {})) {
      Generation noLiterals = g.generate("how many students had absences");
      assertThat(noLiterals.candidates()).allSatisfy(c -> assertThat(c.sql()).doesNotContain("<"));
    }
  }

  @Test
  void aSecondBuildOnTheSameDataReadsTheVectorCache(@TempDir Path tmp) throws Exception {
    Path data = TinyDataset.write(tmp.resolve("data"), 40, 5);
    AtomicInteger encoded = new AtomicInteger();
    NearestQuestionGenerator.build(data, DOMAIN, tmp.resolve("cache"), 1, encoded::set).close();
    assertThat(encoded.get()).isPositive();
    encoded.set(0);
    NearestQuestionGenerator.build(data, DOMAIN, tmp.resolve("cache"), 1, encoded::set).close();
    assertThat(encoded.get()).isZero();
  }
}
