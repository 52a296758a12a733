package dev.quarry.pipelines;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.init.Descriptions;
import dev.quarry.core.domain.init.DomainDrafter;
import dev.quarry.core.domain.init.Draft;
import dev.quarry.core.domain.init.DraftFiles;
import dev.quarry.core.domain.init.Identifiers;
import dev.quarry.core.domain.init.SourceSpec;
import dev.quarry.core.domain.init.WordNetSynonyms;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quarry domain init}: introspects a source read-only and writes a draft domain.json, then prints what to
 * review. Bad options (unknown source form, missing file, invalid name, existing output without --force) exit
 * {@value QuarryCli#EXIT_USAGE}; a source that cannot be used (empty, invalid identifiers, unreadable, a server
 * that cannot be reached or refuses the user) exits
 * {@value QuarryCli#EXIT_FAILED}; nothing is written in either case.
 */
@Command(name = "init", header = "Draft a domain.json from an existing database (read-only).", mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads the tables, columns, types, keys and data of SOURCE and writes a draft domain description:",
      "joins (declared foreign keys, else name match plus value containment), column roles with evidence",
      "and confidence, vocabularies (at most " + DomainDrafter.VOCABULARY_CAP + " distinct values), phrases",
      "from identifiers and WordNet, and descriptions from comments or --descriptions. The same source gives",
      "a byte-identical file. Ends with a review list: the least confident guesses first."
    })
final class DomainInitCommand implements Callable<Integer> {

  @Option(names = "--source", required = true, paramLabel = "SOURCE",
      description = "duckdb:PATH, sqlite:PATH, parquet:DIR or csv:DIR (one file, or folder of files, per table), or "
          + "postgresql://HOST[:PORT]/DB with the user and password from PGUSER/PGPASSWORD or ~/.pgpass "
          + "(default: none, required).")
  String source;

  @Option(names = "--name", required = true, paramLabel = "NAME",
      description = "The domain's name, a plain identifier (default: none, required).")
  String name;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write the draft (default: domains/<name>/domain.json).")
  Path out;

  @Option(names = "--descriptions", paramLabel = "FILE",
      description = "CSV (table,column,description) or JSON array of {table, column, description}; an empty "
          + "column describes the table (default: none; source comments are used).")
  Path descriptionsFile;

  @Mixin ForceOption force;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path target = out != null ? out : defaultTarget(name == null ? "" : name);
    SourceSpec parsed = UsageException.checked(spec, () -> {
      Identifiers.requireValid(List.of(name), "--name");
      DraftFiles.checkWritable(target, force.isSet());
      return SourceSpec.parse(source);
    });
    Descriptions descriptions = descriptionsFile == null ? Descriptions.NONE
        : UsageException.checked(spec, () -> Descriptions.read(descriptionsFile));
    Draft draft = new DomainDrafter(WordNetSynonyms.INSTANCE).draft(parsed, name, descriptions);
    DraftFiles.write(draft.domain(), target, force.isSet());
    printSummary(draft, target, System.out);
    return QuarryCli.EXIT_OK;
  }

  /** Where {@code domain init} writes the draft of {@code name} without {@code --out}: {@code domains/<name>/domain.json}. */
  static Path defaultTarget(String name) {
    return Path.of("domains", name, "domain.json");
  }

  /**
   * Drafts the domain of {@code source} (WordNet synonyms, no descriptions file) and writes it to {@code target},
   * which must not exist; prints the summary to {@code o}.
   *
   * @throws dev.quarry.core.domain.init.DomainInitException for a bad source or name, or an existing target
   */
  static void initDomain(String source, String name, Path target, PrintStream o) {
    DraftFiles.checkWritable(target, false);
    Draft draft = new DomainDrafter(WordNetSynonyms.INSTANCE).draft(SourceSpec.parse(source), name, Descriptions.NONE);
    DraftFiles.write(draft.domain(), target, false);
    printSummary(draft, target, o);
  }

  /** Prints what was written and what to review first. */
  static void printSummary(Draft draft, Path target, PrintStream o) {
    Domain d = draft.domain();
    long columns = d.tables().stream().mapToLong(t -> t.columns().size()).sum();
    long inferred = d.joins().stream().filter(j -> j.containment() != null).count();
    o.printf("wrote %s: %d tables, %d columns, %d joins (%d declared, %d inferred), %d vocabularies, %s%n",
        target, d.tables().size(), columns, d.joins().size(), d.joins().size() - inferred, inferred,
        d.vocabularies().size(), d.years() == null ? "no year column" : "years from " + d.years().column());
    for (String w : draft.warnings()) {
      o.println("warning: " + w);
    }
    if (draft.review().isEmpty()) {
      o.println("review: no guess below confidence " + DomainDrafter.REVIEW_BELOW + "; still read the roles and phrases.");
    } else {
      o.println("review first (confidence, guess, evidence; least confident first):");
      int shown = Math.min(draft.review().size(), 20);
      draft.review().subList(0, shown).forEach(r -> o.println("  " + r));
      if (draft.review().size() > shown) {
        o.println("  … and " + (draft.review().size() - shown) + " more in the file (\"confidence\" below "
            + DomainDrafter.REVIEW_BELOW + ")");
      }
    }
    o.println("then: add phrases people really use, descriptions, units; remove what nobody asks about;");
    o.println("      check the edits with: quarry domain check " + target);
  }
}
