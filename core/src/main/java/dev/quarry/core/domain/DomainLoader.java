package dev.quarry.core.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads and checks domain descriptions.
 *
 * <p>A domain is named either by a built-in name ({@link #BUILT_IN}: read from the classpath copy of
 * {@code data/domains/<name>/domain.json}) or by a path to a {@code domain.json} file.
 */
public final class DomainLoader {

  /** Names of the domains shipped with Quarry. */
  public static final List<String> BUILT_IN = List.of("education");

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private DomainLoader() {}

  /**
   * Loads a domain by built-in name or file path.
   *
   * @param nameOrPath {@code education}, or a path to a domain.json file
   * @return the validated domain
   * @throws IllegalArgumentException if the name is unknown, the file is unreadable or malformed, or
   *     the description is inconsistent; the message names the problem
   */
  public static Domain load(String nameOrPath) {
    Path asPath = Path.of(nameOrPath);
    if (nameOrPath.endsWith(".json") || Files.isRegularFile(asPath)) {
      if (!Files.isRegularFile(asPath)) {
        throw new IllegalArgumentException("Domain file not found: " + asPath.toAbsolutePath());
      }
      try (InputStream in = Files.newInputStream(asPath)) {
        return parse(in, asPath.toString());
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read domain file " + asPath + ": " + e.getMessage(), e);
      }
    }
    String resource = "/quarry-data/domains/" + nameOrPath + "/domain.json";
    try (InputStream in = DomainLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "Unknown domain '" + nameOrPath + "'. Built-in domains: " + BUILT_IN
                + "; or pass the path of a domain.json file.");
      }
      return parse(in, "built-in domain " + nameOrPath);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read built-in domain " + nameOrPath + ": " + e.getMessage(), e);
    }
  }

  /** Reads the raw bytes of a built-in domain or domain file, for hashing into manifests. */
  public static byte[] rawBytes(String nameOrPath) {
    try {
      Path asPath = Path.of(nameOrPath);
      if (Files.isRegularFile(asPath)) {
        return Files.readAllBytes(asPath);
      }
      try (InputStream in = DomainLoader.class.getResourceAsStream("/quarry-data/domains/" + nameOrPath + "/domain.json")) {
        if (in == null) {
          throw new IllegalArgumentException("Unknown domain '" + nameOrPath + "'");
        }
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read domain " + nameOrPath + ": " + e.getMessage(), e);
    }
  }

  static Domain parse(InputStream in, String source) throws IOException {
    Domain d;
    try {
      d = MAPPER.readValue(in, Domain.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Malformed domain description (" + source + "): " + e.getMessage(), e);
    }
    check(d, source);
    return d;
  }

  private static void check(Domain d, String source) {
    String where = " in " + source;
    if (d.name() == null || d.tables() == null || d.tables().isEmpty()) {
      throw new IllegalArgumentException("Domain needs a name and at least one table" + where);
    }
    if (d.years() == null && d.source() == null) {
      throw new IllegalArgumentException("Domain needs years (only an imported domain, with a source, may omit them)"
          + where);
    }
    if (d.years() != null && (d.years().values() == null || !d.years().values().contains(d.years().current()))) {
      throw new IllegalArgumentException("Domain years.current must be one of years.values" + where);
    }
    Set<String> tableNames = new HashSet<>();
    for (Domain.Table t : d.tables()) {
      if (!tableNames.add(t.name())) {
        throw new IllegalArgumentException("Duplicate table '" + t.name() + "'" + where);
      }
      Set<String> cols = new HashSet<>();
      for (Domain.Column c : t.columns()) {
        if (!cols.add(c.name())) {
          throw new IllegalArgumentException("Duplicate column " + t.name() + "." + c.name() + where);
        }
        if (c.type() == null || c.role() == null) {
          throw new IllegalArgumentException("Column " + t.name() + "." + c.name() + " needs a type and a role" + where);
        }
        if (c.vocabulary() != null && !d.vocabularies().containsKey(c.vocabulary())) {
          throw new IllegalArgumentException(
              "Column " + t.name() + "." + c.name() + " names unknown vocabulary '" + c.vocabulary() + "'" + where);
        }
        if (c.role() == ColumnRole.FLAG && (c.whenTrue() == null || c.whenTrue().isEmpty())) {
          throw new IllegalArgumentException("Flag column " + t.name() + "." + c.name() + " needs whenTrue phrases" + where);
        }
      }
      if (confidenceOutOfRange(t)) {
        throw new IllegalArgumentException("Table " + t.name() + " has a column confidence outside 0..1" + where);
      }
      for (String k : t.sortKey()) {
        if (!cols.contains(k)) {
          throw new IllegalArgumentException("Sort key " + t.name() + "." + k + " is not a column" + where);
        }
      }
    }
    for (Domain.Join j : d.joins()) {
      for (String side : List.of(j.left(), j.right())) {
        Domain.Table t = d.table(side).orElseThrow(
            () -> new IllegalArgumentException("Join names unknown table '" + side + "'" + where));
        String col = side.equals(j.left()) ? j.leftColumn() : j.rightColumn();
        if (t.column(col).isEmpty()) {
          throw new IllegalArgumentException("Join column " + side + "." + col + " does not exist" + where);
        }
      }
    }
  }

  private static boolean confidenceOutOfRange(Domain.Table t) {
    return t.columns().stream().anyMatch(c -> c.confidence() != null && (c.confidence() < 0 || c.confidence() > 1));
  }
}
