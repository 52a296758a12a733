package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.workspace.Manifests;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The wiring of {@code quarry run --source SOURCE --name NAME} (not the whole job: it trains): {@code domain init}
 * runs first when the domain file is missing and is reused afterwards, the seed stage runs on the imported domain,
 * and a domain without a query bank skips the eval stage with a message saying how to add one.
 */
class RunFromSourceTest {

  @TempDir Path dir;

  private RunCommand parse(String... args) {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(args);
    return run;
  }

  @Test
  void importsTheSourceOnceThenUsesTheDomainFile() throws Exception {
    Path db = ShopSource.sqlite(dir);
    Path ws = dir.resolve("ws");
    RunCommand run = parse("--source", "sqlite:" + db, "--name", "shop", "--workspace", ws.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    run.useSource(new PrintStream(out, true, StandardCharsets.UTF_8), dir);
    Path file = dir.resolve("domains/shop/domain.json");
    assertThat(file).isRegularFile();
    assertThat(run.data.domain).isEqualTo(file.toString());
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + file);
    byte[] first = Files.readAllBytes(file);

    RunCommand again = parse("--source", "sqlite:" + db, "--name", "shop", "--workspace", ws.toString());
    ByteArrayOutputStream out2 = new ByteArrayOutputStream();
    again.useSource(new PrintStream(out2, true, StandardCharsets.UTF_8), dir);
    assertThat(out2.toString(StandardCharsets.UTF_8)).contains("exists: using it");
    assertThat(Files.readAllBytes(file)).isEqualTo(first);

    // The stages before training run on the imported domain; eval is skipped with a message.
    var seed = Stages.seed(again.data, again.runner, "test", false);
    assertThat(seed.dir()).isEqualTo(ws.resolve("seed/shop-s42-x1"));
    Manifests.verify(seed.dir());
    Domain shop = DomainLoader.load(file.toString());
    assertThat(EvalStage.missingBank(shop, file.toString(), null)).get().asString()
        .contains("no query bank").contains("--bank FILE").contains("quarry eval --domain " + file);
    assertThat(EvalStage.missingBank(shop, file.toString(), dir.resolve("bank.csv"))).isEmpty();
    assertThat(EvalStage.missingBank(DomainLoader.load("education"), "education", null)).isEmpty();
    // Without an evaluation in the workspace the report stage is skipped (it failed the whole run before).
    assertThat(RunCommand.reportSkipped(ws)).get().asString().contains("no evaluation in this workspace yet")
        .contains("history.duckdb").contains("quarry report --workspace " + ws);
    Path history = dev.quarry.eval.results.HistoryDb.inWorkspace(ws).file();
    Files.createDirectories(history.getParent());
    Files.write(history, new byte[0]);
    assertThat(RunCommand.reportSkipped(ws)).isEmpty();
  }

  @Test
  void sourceNeedsANameAndExcludesDomain() throws Exception {
    Path db = ShopSource.sqlite(dir);
    assertThatThrownBy(() -> parse("--source", "sqlite:" + db).useSource(System.out, dir))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--source needs --name");
    assertThatThrownBy(() -> parse("--source", "sqlite:" + db, "--name", "shop", "--domain", "education")
        .useSource(System.out, dir))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("either --source and --name, or --domain");
    assertThatThrownBy(() -> parse("--name", "shop").useSource(System.out, dir))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--name needs --source");
    assertThat(dir.resolve("domains")).doesNotExist();
  }
}
