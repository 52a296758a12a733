package dev.quarry.eval.bank;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a bank by file type: {@code .jsonl} Quarry's format ({@link JsonlBankReader}), {@code .json} a Spider
 * split with {@code tables.json} beside it ({@link SpiderBankReader}), {@code .csv} defog sql-eval
 * ({@link DefogCsvBankReader}). The committed education bank is also on the classpath.
 */
public final class Banks {

  /** Classpath resource of the committed bank ({@code data/eval/education_bank.jsonl}). */
  public static final String EDUCATION_RESOURCE = "/quarry-data/eval/education_bank.jsonl";

  private Banks() {}

  /**
   * Loads a bank file.
   *
   * @param file bank path
   * @param dbFilter for Spider/defog: keep only this database; ignored for JSONL
   * @return the bank
   * @throws IllegalArgumentException naming the file when it is missing, of an unknown type, or malformed
   */
  public static QueryBank load(Path file, String dbFilter) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Bank file not found: " + file.toAbsolutePath() + " (option --bank)");
    }
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    try {
      if (name.endsWith(".jsonl")) {
        return JsonlBankReader.parse(Files.readAllBytes(file), file.toString());
      }
      if (name.endsWith(".json")) {
        Path tables = file.resolveSibling("tables.json");
        if (!Files.isRegularFile(tables)) {
          throw new IllegalArgumentException("Spider bank " + file + " needs tables.json beside it: " + tables);
        }
        return SpiderBankReader.read(file, tables, dbFilter);
      }
      if (name.endsWith(".csv")) {
        return DefogCsvBankReader.read(file, dbFilter);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read bank " + file + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "Unknown bank type for " + file + ": expected .jsonl (Quarry), .json (Spider dev.json) or .csv (defog sql-eval)");
  }

  /**
   * Loads the committed education bank from the classpath.
   *
   * @throws IllegalStateException if the resource is missing from the build
   */
  public static QueryBank education() {
    try (InputStream in = Banks.class.getResourceAsStream(EDUCATION_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The build lacks " + EDUCATION_RESOURCE);
      }
      return JsonlBankReader.parse(in.readAllBytes(), "data/eval/education_bank.jsonl");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + EDUCATION_RESOURCE, e);
    }
  }
}
