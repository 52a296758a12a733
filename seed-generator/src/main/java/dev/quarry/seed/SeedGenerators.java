package dev.quarry.seed;

import dev.quarry.core.domain.Domain;
import dev.quarry.seed.education.EducationGenerator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Registry of the built-in {@link SeedGenerator}s, keyed by {@link SeedGenerator#id()}. */
public final class SeedGenerators {

  private static final Map<String, Supplier<SeedGenerator>> REGISTRY = new TreeMap<>(Map.of(
      "education", EducationGenerator::new));

  private SeedGenerators() {}

  /** Returns the ids of the registered generators, sorted. */
  public static java.util.Set<String> ids() {
    return REGISTRY.keySet();
  }

  /**
   * Returns a new instance of the generator registered as {@code id}.
   *
   * @throws IllegalArgumentException if no generator has that id
   */
  public static SeedGenerator get(String id) {
    Supplier<SeedGenerator> s = id == null ? null : REGISTRY.get(id);
    if (s == null) {
      throw new IllegalArgumentException(
          "Unknown seed generator '" + id + "'; known generators: " + REGISTRY.keySet());
    }
    return s.get();
  }

  /**
   * Returns the generator the domain names in its {@code generator} field.
   *
   * @throws IllegalArgumentException if the domain names no known generator (the message names the domain)
   */
  public static SeedGenerator forDomain(Domain domain) {
    try {
      return get(domain.generator());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Domain '" + domain.name() + "': " + e.getMessage(), e);
    }
  }
}
