package dev.quarry.train.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.model.GeneratorContext;
import dev.quarry.core.model.SqlGenerator;
import dev.quarry.core.model.SqlGeneratorProvider;
import dev.quarry.train.TinyDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnnGeneratorProviderTest {

  private static SqlGeneratorProvider knn() {
    return ServiceLoader.load(SqlGeneratorProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.scheme().equals("knn")).findFirst().orElseThrow();
  }

  private static GeneratorContext context(Path ws) {
    return new GeneratorContext(DomainLoader.load("education"), ws, null, null, Duration.ofSeconds(1), 0);
  }

  @Test
  void isFoundThroughTheServiceLoaderAndResolvesADatasetNameInTheWorkspace(@TempDir Path ws) throws Exception {
    TinyDataset.write(ws.resolve("datasets").resolve("tiny"), 30, 1);
    try (SqlGenerator g = knn().open("tiny", context(ws))) {
      assertThat(g.modelId()).isEqualTo("knn:tiny");
      assertThat(g.generate("how many students at Lincoln had more than 3 absences in 2023-24").bestSql())
          .contains("'Lincoln Elementary'", "'2023-2024'", "> 3");
    }
    try (var files = Files.list(ws.resolve("cache").resolve("encoder"))) {
      assertThat(files.count()).isEqualTo(1);
    }
  }

  @Test
  void namesTheMissingDatasetDirectory(@TempDir Path ws) {
    assertThatThrownBy(() -> knn().open("nowhere", context(ws)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--model knn:nowhere").hasMessageContaining("no dataset directory");
  }
}
