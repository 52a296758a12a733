package dev.quarry.pipelines;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures {@code System.out} and {@code System.err} for the command-line tests, so that what a command prints
 * can be checked. Register it on an instance field:
 *
 * <pre>{@code @RegisterExtension final ConsoleCapture console = new ConsoleCapture();}</pre>
 *
 * <p>Before each test both streams are replaced by auto-flushing UTF-8 {@link PrintStream}s writing into
 * memory; after each test, whether it passed or failed, the streams that were in place before are restored.
 * For a capture around a single call (in a {@code @BeforeAll}, a static helper, or a test that does not
 * register the extension) use {@link #run(IntSupplier)}.
 */
final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  /** What a command printed, captured by {@link #run(IntSupplier)}: its exit code, stdout and stderr. */
  record Captured(int exitCode, String stdout, String stderr) {}

  @Override
  public void beforeEach(ExtensionContext context) {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  /** Everything written to {@code System.out} since the test started or since the last {@link #reset()}, as UTF-8. */
  public String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Everything written to {@code System.err} since the test started or since the last {@link #reset()}, as UTF-8. */
  public String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Discards what was captured so far on both streams; capturing goes on. */
  public void reset() {
    out.reset();
    err.reset();
  }

  /**
   * Runs {@code command} with {@code System.out} and {@code System.err} captured into memory (auto-flushing,
   * UTF-8) and returns its exit code with what it printed, decoded as UTF-8. The streams that were in place
   * before are restored when the command returns or throws.
   */
  public static Captured run(IntSupplier command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = command.getAsInt();
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
