package dev.quarry.pipelines;

import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code quarry verify DIR…}: checks outputs against their manifests. */
@Command(name = "verify", header = "Verify stage outputs against their manifests.", mixinStandardHelpOptions = true,
    description = {
      "Verifies stage outputs against their manifest.json: every listed file present with its size and",
      "SHA-256, and no unlisted file. Exit code 3 names the first problem of the first bad output."
    })
final class VerifyCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Output directories (e.g. workspace/seed/education-s42-x1).")
  Path[] dirs;

  @Override
  public Integer call() {
    for (Path d : dirs) {
      Manifest m = Manifests.verify(d);
      System.out.printf("ok  %s  (%s stage, %d files, made by %s at %s)%n",
          d, m.stage(), m.files().size(), m.codeVersion(), m.createdAt());
    }
    return QuarryCli.EXIT_OK;
  }
}
