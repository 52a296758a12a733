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
 * {@code data/domains/<name>/domain.json}) or by a path to a {@code domain.json} file. A file's query bank,
 * {@code "bank": {"path": …, "db": …}} or the path alone, {@code "bank": "bank.jsonl"} (see {@link Domain.Bank}), has
 * its relative path resolved against the file's folder; the bank is left out of the bytes hashed into manifests
 * ({@link #rawBytes}).
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
        return resolveBank(parse(in, asPath.toString()), asPath);
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

  /** {@code d} with its bank path made absolute, relative paths taken from the folder of {@code file}. */
  private static Domain resolveBank(Domain d, Path file) {
    if (d.bank() == null) {
      return d;
    }
    Path folder = file.toAbsolutePath().getParent();
    Path bank = folder.resolve(d.bank().path()).normalize();
    return d.withBank(new Domain.Bank(bank.toString(), d.bank().db()));
  }

  /**
   * Reads the bytes of a built-in domain or domain file, for hashing into manifests: the file as it is, less a
   * top-level {@code "bank"} member, whether an object or a string (from the comma before it, or up to the next member when it comes first), so that
   * declaring or changing the query bank, which only the eval stage reads, leaves the seed data, dataset and model up
   * to date. A file without {@code "bank"} gives its bytes unchanged.
   *
   * @throws IllegalArgumentException when the domain is unknown or the file cannot be read
   */
  public static byte[] rawBytes(String nameOrPath) {
    try {
      Path asPath = Path.of(nameOrPath);
      if (Files.isRegularFile(asPath)) {
        return withoutBank(Files.readAllBytes(asPath));
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

  /** {@code json} less its top-level {@code "bank"} member (see {@link #rawBytes}); unchanged when it has none. */
  static byte[] withoutBank(byte[] json) {
    try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(json)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        return json;
      }
      long previousEnd = -1; // end of the previous member's value
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        long nameStart = p.currentTokenLocation().getByteOffset();
        boolean bank = "bank".equals(p.currentName());
        p.nextToken();
        p.skipChildren();
        p.finishToken(); // a string value is otherwise read lazily, and the location would be its start
        long valueEnd = p.currentLocation().getByteOffset();
        if (bank) {
          long from;
          long to;
          if (previousEnd >= 0) {
            from = previousEnd;
            to = valueEnd;
          } else if (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            from = nameStart;
            to = p.currentTokenLocation().getByteOffset();
          } else {
            return json;
          }
          byte[] out = new byte[json.length - (int) (to - from)];
          System.arraycopy(json, 0, out, 0, (int) from);
          System.arraycopy(json, (int) to, out, (int) from, json.length - (int) to);
          return out;
        }
        previousEnd = valueEnd;
      }
      return json;
    } catch (IOException e) {
      return json; // malformed: hashed as it is (loading it reports the problem)
    }
  }

  static Domain parse(InputStream in, String source) throws IOException {
    Domain d;
    try {
      d = MAPPER.readValue(in, Domain.class);
    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      if (e.getPath().size() == 1 && "bank".equals(e.getPath().get(0).getFieldName())) {
        String at = e.getLocation() == null ? ""
            : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        throw new IllegalArgumentException("Malformed domain description (" + source + "): \"bank\" must be the bank"
            + " file's path (\"bank\": \"bank.jsonl\") or an object (\"bank\": {\"path\": \"bank.csv\","
            + " \"db\": \"shop\"}), not the value" + at, e);
      }
      throw new IllegalArgumentException("Malformed domain description (" + source + "): " + e.getMessage(), e);
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
    if (d.bank() != null && (d.bank().path() == null || d.bank().path().isBlank())) {
      throw new IllegalArgumentException("Domain bank needs a \"path\" (the bank file, relative to the domain file's"
          + " folder)" + where);
    }
    if (d.bank() != null) {
      try {
        Path.of(d.bank().path());
      } catch (java.nio.file.InvalidPathException e) {
        throw new IllegalArgumentException("Domain bank path '" + d.bank().path() + "' is not a path" + where, e);
      }
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
