package dev.quarry.pipelines;

import picocli.CommandLine;

/** Helpers shared by subcommands. */
final class Commands {

  private Commands() {}

  /** The command line as typed ({@code quarry <sub> <args…>}), recorded in manifests. */
  static String commandLine(CommandLine.Model.CommandSpec spec) {
    StringBuilder sb = new StringBuilder("quarry");
    CommandLine root = spec.commandLine();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    CommandLine.ParseResult pr = root.getParseResult();
    if (pr != null) {
      for (String a : pr.originalArgs()) {
        sb.append(' ').append(a.contains(" ") ? "'" + a + "'" : a);
      }
    }
    return sb.toString();
  }
}
