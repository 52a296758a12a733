package dev.quarry.synth.generate;

import dev.quarry.core.model.Generation;
import dev.quarry.core.model.GeneratorContext;
import dev.quarry.core.model.SqlCandidate;
import dev.quarry.core.model.SqlGenerator;
import dev.quarry.core.model.SqlGeneratorProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test model for {@code lookup:<file>}: a tab-separated file of question and SQL lines; a question not in the
 * file gets no candidate. Registered in the synth tests' {@code META-INF/services}.
 */
public final class LookupModelProvider implements SqlGeneratorProvider {

  @Override
  public String scheme() {
    return "lookup";
  }

  @Override
  public SqlGenerator open(String location, GeneratorContext context) {
    Map<String, String> answers = new HashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of(location))) {
        String[] qs = line.split("\t", 2);
        answers.put(qs[0], qs[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SqlGenerator() {
      @Override
      public String modelId() {
        return "lookup:" + location;
      }

      @Override
      public Generation generate(String question) {
        String sql = answers.get(question);
        return new Generation(sql == null ? List.of() : List.of(new SqlCandidate(sql, 0)), 0);
      }
    };
  }
}
