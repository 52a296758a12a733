package dev.quarry.core.domain.init;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.quarry.core.domain.ColumnRole;
import dev.quarry.core.domain.Domain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a draft domain as {@code domain.json}: UTF-8, two-space indentation, {@code \n} line ends, map keys
 * sorted, absent (null) fields left out, roles in lower case, a final newline; so equal domains give byte-identical files on every
 * machine. Writes go to a temporary file in the target folder, then one atomic move.
 */
public final class DraftFiles {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .registerModule(new SimpleModule().addSerializer(ColumnRole.class, new StdSerializer<>(ColumnRole.class) {
        @Override
        public void serialize(ColumnRole role, JsonGenerator gen, SerializerProvider provider) throws IOException {
          gen.writeString(role.name().toLowerCase(Locale.ROOT)); // as hand-written domain files spell roles
        }
      }));

  private DraftFiles() {}

  /** The file's bytes for {@code domain}. */
  public static byte[] toJson(Domain domain) {
    DefaultIndenter nl = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter(
        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(nl);
    try {
      return (MAPPER.writer(pp).writeValueAsString(domain) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the domain as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses an existing output unless {@code force}: call before any work so that nothing is done in vain.
   *
   * @throws DomainInitException {@link InitError#OUTPUT_EXISTS}
   */
  public static void checkWritable(Path out, boolean force) {
    if (Files.exists(out) && !force) {
      throw new DomainInitException(InitError.OUTPUT_EXISTS,
          out + " already exists; pass --force to replace it (or --out another file)");
    }
    if (Files.isDirectory(out)) {
      throw new DomainInitException(InitError.OUTPUT_EXISTS, out + " is a folder; --out names the domain file");
    }
  }

  /**
   * Writes {@code domain} to {@code out} atomically (creating its folder).
   *
   * @param force replace an existing file
   * @throws DomainInitException {@link InitError#OUTPUT_EXISTS} when {@code out} exists and {@code force} is off
   * @throws UncheckedIOException when the file cannot be written (the temporary file is removed)
   */
  public static void write(Domain domain, Path out, boolean force) {
    checkWritable(out, force);
    Path dir = out.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + out.getFileName() + ".", ".tmp");
      Files.write(tmp, toJson(domain));
      dev.quarry.core.workspace.AtomicMove.into(tmp, out, force);
      tmp = null;
    } catch (FileAlreadyExistsException e) {
      throw new DomainInitException(InitError.OUTPUT_EXISTS, out + " appeared while drafting; pass --force", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + out + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: a leftover hidden .tmp file holds nothing the user relies on
        }
      }
    }
  }
}
