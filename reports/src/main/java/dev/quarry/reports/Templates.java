package dev.quarry.reports;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Pebble engines for the report: templates load from the classpath folder {@code templates/}.
 * HTML pages use HTML autoescaping; the Markdown summary uses no autoescaping and the {@code md} filter
 * (escapes {@code |}, backticks and line breaks so a value stays inside its table cell).
 */
public final class Templates {

  private static final PebbleEngine HTML = engine(true);
  private static final PebbleEngine TEXT = engine(false);

  private Templates() {}

  /** Renders an HTML template ({@code templates/<name>}) with autoescaping. */
  public static String html(String name, Map<String, Object> context) {
    return render(HTML, name, context);
  }

  /** Renders a text/Markdown template ({@code templates/<name>}) without autoescaping. */
  public static String text(String name, Map<String, Object> context) {
    return render(TEXT, name, context);
  }

  private static String render(PebbleEngine engine, String name, Map<String, Object> context) {
    PebbleTemplate t = engine.getTemplate(name);
    StringWriter w = new StringWriter();
    try {
      t.evaluate(w, context, Locale.ROOT);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render template " + name, e);
    }
    return w.toString();
  }

  private static PebbleEngine engine(boolean autoescape) {
    ClasspathLoader loader = new ClasspathLoader(Templates.class.getClassLoader());
    loader.setPrefix("templates");
    return new PebbleEngine.Builder()
        .loader(loader)
        .autoEscaping(autoescape)
        .strictVariables(true)
        .defaultLocale(Locale.ROOT)
        .extension(new MarkdownExtension())
        .build();
  }

  /** Adds the {@code md} filter. */
  static final class MarkdownExtension extends AbstractExtension {
    @Override
    public Map<String, Filter> getFilters() {
      return Map.of("md", new MarkdownCell());
    }
  }

  /** Escapes a value for a Markdown table cell. */
  static final class MarkdownCell implements Filter {
    @Override
    public List<String> getArgumentNames() {
      return List.of();
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext ctx,
        int lineNumber) {
      if (input == null) {
        return "";
      }
      return input.toString().replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
          .replace("\r", " ").replace("\n", " ");
    }
  }
}
