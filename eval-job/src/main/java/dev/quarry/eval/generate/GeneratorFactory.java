package dev.quarry.eval.generate;

import dev.quarry.core.model.GeneratorContext;
import dev.quarry.core.model.SqlGeneratorProvider;
import dev.quarry.core.model.SqlGeneratorProviders;
import dev.quarry.eval.bank.QueryBank;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a {@code --model} spec into a {@link Predictor}:
 * <ul>
 *   <li>{@code gold}: the bank's own first gold SQL ({@link GoldPredictor}; must score 100%);
 *   <li>{@code replay:<predictions.jsonl>}: predictions made elsewhere ({@link ReplayPredictor});
 *   <li>{@code openai:<base url>}: an OpenAI-compatible chat-completions server ({@link OpenAiGenerator});
 *   <li>any other {@code <scheme>:<location>}, e.g. {@code djl:<model dir>}: the
 *       {@link SqlGeneratorProvider} registered for that scheme ({@link SqlGeneratorProviders}).
 * </ul>
 */
public final class GeneratorFactory {

  private GeneratorFactory() {}

  /**
   * Opens the predictor for {@code spec}.
   *
   * @param spec the {@code --model} value
   * @param bank the bank (needed by {@code gold})
   * @param context domain and options
   * @return an open predictor; close it when done
   * @throws IllegalArgumentException for a malformed spec, an unknown scheme ("no provider for scheme X"),
   *     or an invalid location
   */
  public static Predictor open(String spec, QueryBank bank, GeneratorContext context) {
    Optional<SqlGeneratorProvider> provider = check(spec);
    if (spec.equals("gold")) {
      return new GoldPredictor(bank);
    }
    int colon = spec.indexOf(':');
    String scheme = spec.substring(0, colon);
    String location = spec.substring(colon + 1);
    switch (scheme) {
      case "replay":
        return ReplayPredictor.load(Path.of(location));
      case "openai":
        return Predictor.of(new OpenAiGenerator(location, context));
      default:
        return Predictor.of(provider.orElseThrow().open(location, context));
    }
  }

  /**
   * Checks the form of a {@code --model} spec and that its scheme is known, without opening anything.
   *
   * @param spec the {@code --model} value
   * @return the registered provider of its scheme; empty for {@code gold}, {@code replay:} and {@code openai:}
   * @throws IllegalArgumentException for a malformed spec or an unknown scheme ("no provider for scheme X")
   */
  public static Optional<SqlGeneratorProvider> check(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("--model is empty");
    }
    if (spec.equals("gold")) {
      return Optional.empty();
    }
    int colon = spec.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--model '" + spec
          + "': expected gold, djl:<model dir>, knn:<dataset dir>, openai:<base url>, replay:<predictions.jsonl> or <scheme>:<location>");
    }
    String scheme = spec.substring(0, colon);
    if (spec.substring(colon + 1).isBlank()) {
      throw new IllegalArgumentException("--model '" + spec + "': nothing after '" + scheme + ":'");
    }
    if (scheme.equals("replay") || scheme.equals("openai")) {
      return Optional.empty();
    }
    return Optional.of(SqlGeneratorProviders.find(scheme).orElseThrow(() -> new IllegalArgumentException(
        "--model '" + spec + "': no provider for scheme " + scheme
            + " (built in: gold, openai, replay; registered: " + SqlGeneratorProviders.schemes() + ")")));
  }
}
