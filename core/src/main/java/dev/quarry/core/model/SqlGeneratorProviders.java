package dev.quarry.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the {@link SqlGeneratorProvider} registered for a {@code <scheme>:<location>} model spec through
 * {@link ServiceLoader} (e.g. {@code djl:} and {@code knn:} from the train-job). The one lookup of providers:
 * the eval-job's {@code --model} and synth's self-training filter both use it.
 */
public final class SqlGeneratorProviders {

  private SqlGeneratorProviders() {}

  /** The provider registered for {@code scheme}, if any. */
  public static Optional<SqlGeneratorProvider> find(String scheme) {
    for (SqlGeneratorProvider p : ServiceLoader.load(SqlGeneratorProvider.class)) {
      if (p.scheme().equals(scheme)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The schemes of every registered provider, in class-path order. */
  public static List<String> schemes() {
    List<String> out = new ArrayList<>();
    ServiceLoader.load(SqlGeneratorProvider.class).forEach(p -> out.add(p.scheme()));
    return out;
  }

  /**
   * Opens the generator of a {@code <scheme>:<location>} spec served by a registered provider.
   *
   * @param spec e.g. {@code djl:workspace/models/djl-education-s42-x1}
   * @param context domain and options
   * @return an open generator; the caller closes it
   * @throws IllegalArgumentException for a spec without {@code scheme:location}, a scheme no provider serves
   *     (naming the registered ones), or an invalid location (the provider's message)
   */
  public static SqlGenerator open(String spec, GeneratorContext context) {
    int colon = spec == null ? -1 : spec.indexOf(':');
    if (colon <= 0 || spec.substring(colon + 1).isBlank()) {
      throw new IllegalArgumentException("model '" + spec + "': expected <scheme>:<location>, e.g. djl:<model dir>");
    }
    String scheme = spec.substring(0, colon);
    SqlGeneratorProvider p = find(scheme).orElseThrow(() -> new IllegalArgumentException(
        "model '" + spec + "': no provider for scheme " + scheme + " (registered: " + schemes() + ")"));
    return p.open(spec.substring(colon + 1), context);
  }
}
