package dev.quarry.eval.run;

import dev.quarry.core.compare.ValueNormalizer;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.model.GeneratorContext;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.eval.bank.QueryBank;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one eval run needs.
 *
 * @param workspace workspace root ({@code evals/} is written under it)
 * @param command the command line, for the manifest
 * @param modelSpec the {@code --model} value
 * @param bank the loaded bank
 * @param domain the domain
 * @param seedDir main seed data (with manifest)
 * @param testSuiteSeeds seeds of the test-suite databases
 * @param testSuiteDirs their seed directories (with manifests), same order
 * @param datasetDir the training dataset directory whose manifest is recorded, or null
 * @param baseline {@code last}, a run id, or null for no regression gate
 * @param maxDrop allowed drop of strict EX in points
 * @param sandbox sandbox settings (timeout, row cap)
 * @param values value normalization (precision, tolerance)
 * @param generatorContext model name, API key, timeouts for the generator
 */
public record EvalRequest(Path workspace, String command, String modelSpec, QueryBank bank, Domain domain,
    Path seedDir, List<Long> testSuiteSeeds, List<Path> testSuiteDirs, Path datasetDir, String baseline,
    double maxDrop, SandboxSettings sandbox, ValueNormalizer values, GeneratorContext generatorContext) {

  /** Checks sizes. */
  public EvalRequest {
    testSuiteSeeds = List.copyOf(testSuiteSeeds);
    testSuiteDirs = List.copyOf(testSuiteDirs);
    if (testSuiteSeeds.size() != testSuiteDirs.size()) {
      throw new IllegalArgumentException("one test-suite directory per seed expected");
    }
  }
}
