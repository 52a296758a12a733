package dev.quarry.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.domain.DomainLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output folders are named by the domain's name, not by the folder its file lives in. */
class WorkspaceTest {

  @TempDir Path dir;

  private Path domainFile(String fileName, String name) throws Exception {
    String json = new String(DomainLoader.rawBytes("education"), StandardCharsets.UTF_8)
        .replaceFirst("\"name\"\\s*:\\s*\"education\"", "\"name\": \"" + name + "\"");
    return Files.writeString(dir.resolve(fileName), json);
  }

  @Test
  void twoDomainFilesInOneFolderGetTheirOwnOutputs() throws Exception {
    Workspace ws = new Workspace(dir.resolve("ws"));
    Path a = domainFile("a.json", "district_a");
    Path b = domainFile("b.json", "district_b");
    assertThat(ws.seedDir(a.toString(), 42, 1)).isEqualTo(dir.resolve("ws/seed/district_a-s42-x1"));
    assertThat(ws.datasetDir(b.toString(), 42, 1)).isEqualTo(dir.resolve("ws/datasets/district_b-s42-x1"));
    assertThat(Workspace.dataKey("education", 7, 2)).isEqualTo("education-s7-x2");
  }

  @Test
  void refusesANameThatIsNoFolderName() throws Exception {
    Path bad = domainFile("bad.json", "../up");
    assertThatThrownBy(() -> Workspace.dataKey(bad.toString(), 42, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot name an output folder");
  }
}
