package dev.quarry.train;

import dev.quarry.core.model.GeneratorContext;
import dev.quarry.core.model.SqlGenerator;
import dev.quarry.core.model.SqlGeneratorProvider;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --model djl:<dir>}: the embedded model trained by the train-job. {@code <dir>} is a model directory,
 * or a models directory's {@code latest} (resolved through {@code models/LATEST}). Decoding is beam search
 * of width {@value #BEAM} without execution guidance, so that evaluation scores the model alone.
 */
public final class DjlGeneratorProvider implements SqlGeneratorProvider {

  /** Beam width used for evaluation. */
  static final int BEAM = 4;

  @Override
  public String scheme() {
    return "djl";
  }

  @Override
  public SqlGenerator open(String location, GeneratorContext context) {
    Path p = Path.of(location).toAbsolutePath().normalize();
    Path modelsDir = p.getParent() == null ? p : p.getParent();
    String name = p.getFileName() == null ? location : p.getFileName().toString();
    Path dir = name.equals("latest") ? ModelFiles.resolve(modelsDir, "latest") : ModelFiles.resolve(modelsDir, p.toString());
    return DjlSqlGenerator.open(dir, Optional.empty(), new DecodeSettings(BEAM, false));
  }
}
