package dev.quarry.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.model.SqlGeneratorProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train-job registers the {@code djl:} scheme for the module that owns the model. */
class DjlGeneratorProviderTest {

  @TempDir Path ws;

  @Test
  void theServiceLoaderFindsTheTrainJobsSchemes() {
    List<String> schemes = ServiceLoader.load(SqlGeneratorProvider.class).stream()
        .map(p -> p.get().scheme()).toList();
    assertThat(schemes).containsExactlyInAnyOrder("djl", "knn");
  }

  @Test
  void aMissingModelIsAClearError() {
    assertThatThrownBy(() -> new DjlGeneratorProvider().open(ws.resolve("models/latest").toString(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no trained model at " + ws.resolve("models"));
  }
}
