package dev.quarry.core.model;

/**
 * A late-bound source of {@link SqlGenerator}s for one {@code --model} scheme, found with
 * {@link java.util.ServiceLoader}: the module that owns a model (the train-job for {@code djl:}) lists its
 * implementation in {@code META-INF/services/dev.quarry.core.model.SqlGeneratorProvider}. The eval-job
 * depends only on this interface; the command line, which puts every module on the class path, makes the
 * providers visible at run time.
 */
public interface SqlGeneratorProvider {

  /** The scheme this provider serves, e.g. {@code "djl"} for {@code --model djl:<dir>}. */
  String scheme();

  /**
   * Opens a generator.
   *
   * @param location the part after {@code <scheme>:} (a directory, a URL…)
   * @param context domain and options
   * @return an open generator; the caller closes it
   * @throws IllegalArgumentException if the location is invalid (missing directory, bad model files)
   */
  SqlGenerator open(String location, GeneratorContext context);
}
