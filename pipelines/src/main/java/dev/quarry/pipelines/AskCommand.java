package dev.quarry.pipelines;

import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.model.Generation;
import dev.quarry.core.model.SqlCandidate;
import dev.quarry.core.sql.QueryOutcome;
import dev.quarry.core.sql.SandboxSettings;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.train.DecodeSettings;
import dev.quarry.train.DjlSqlGenerator;
import dev.quarry.train.ModelFiles;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quarry ask "question"}: prints the model's SQL candidates and runs the best one on the seed data. */
@Command(name = "ask", header = "Ask the trained model a question; print its SQL and the result.", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Asks the trained model a question; prints the SQL and its result on the seed data.")
public final class AskCommand implements Callable<Integer> {

  @Mixin DataOptions data;
  @Parameters(index = "0", paramLabel = "QUESTION") String question;
  @Option(names = "--model", paramLabel = "DIR|ID", defaultValue = "latest",
      description = "Model dir or id; latest = the model named by models/LATEST (default: ${DEFAULT-VALUE}).")
  String model;
  @Option(names = "--beam", paramLabel = "WIDTH", defaultValue = "1",
      description = "Beam width; 1 = greedy decoding (default: ${DEFAULT-VALUE}).") int beam;
  @Option(names = "--execution-guided",
      description = "Prefer the first candidate that executes (default: off).") boolean guided;

  @Override
  public Integer call() {
    var ws = data.workspace();
    Path dir = ModelFiles.resolve(ws.root().resolve("models"), model);
    try (SqlSandbox sandbox = SqlSandbox.open(DomainLoader.load(data.domain),
            ws.seedDir(data.domain, data.seed, data.scale()), SandboxSettings.defaults());
        DjlSqlGenerator gen = DjlSqlGenerator.open(dir, Optional.of(sandbox), new DecodeSettings(beam, guided))) {
      Generation g = gen.generate(question);
      for (SqlCandidate c : g.candidates()) {
        System.out.printf("%8.3f  %s%n", c.score(), c.sql());
      }
      System.out.printf("(%.1f ms)%n", g.latencyMicros() / 1000.0);
      QueryOutcome o = sandbox.execute(g.bestSql());
      if (!o.isOk()) {
        System.out.println("does not run: " + o.status() + " " + o.message());
        return 1;
      }
      System.out.println(String.join(" | ", o.columnNames()));
      o.rows().stream().limit(20).forEach(r -> System.out.println(r));
      return QuarryCli.EXIT_OK;
    }
  }

}
