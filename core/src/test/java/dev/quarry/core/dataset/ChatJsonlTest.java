package dev.quarry.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatJsonlTest {

  @Test
  void whatTheWriterWritesTheReaderReadsBack(@TempDir Path dir) throws Exception {
    List<ChatJsonl.Pair> pairs = List.of(new ChatJsonl.Pair("How many \"kids\" at O'Neil?\n", "SELECT 'O''Neil'"),
        new ChatJsonl.Pair("émoji 📚", "SELECT 1"));
    Path f = dir.resolve(DatasetLayout.jsonlShard("train", "part-00000-of-00001"));
    ChatJsonl.write(f, "schema", pairs);
    assertThat(f).isEqualTo(dir.resolve("jsonl/train/part-00000-of-00001.jsonl"));
    assertThat(ChatJsonl.read(f)).isEqualTo(pairs);
    assertThat(Files.readAllLines(f).get(1)).isEqualTo("{\"messages\":[{\"role\":\"system\",\"content\":\"schema\"},"
        + "{\"role\":\"user\",\"content\":\"émoji 📚\"},{\"role\":\"assistant\",\"content\":\"SELECT 1\"}]}");
  }

  @Test
  void aMalformedLineIsNamedWithItsFileAndLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.write(f, List.of(ChatJsonl.line("s", new ChatJsonl.Pair("q", "SELECT 1")), "",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}"));
    assertThatThrownBy(() -> ChatJsonl.read(f)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.jsonl:3").hasMessageContaining("no user and assistant message");
    assertThatThrownBy(() -> ChatJsonl.parse("{not json")).hasMessageContaining("not a JSON object");
  }

  @Test
  void datasetInfoListsTheSplitsWithShardsAndReadsBackTheirNames(@TempDir Path dir) throws Exception {
    Files.createDirectories(DatasetLayout.jsonlDir(dir, "train"));
    Files.createDirectories(DatasetLayout.jsonlDir(dir, "validation"));
    DatasetInfo.write(dir, "shop");
    assertThat(DatasetInfo.read(dir)).isEqualTo(new DatasetInfo.Entries("quarry_shop_train", "quarry_shop_validation"));
    assertThat(Files.readString(dir.resolve(DatasetInfo.FILE_NAME))).doesNotContain("quarry_shop_test")
        .contains("\"file_name\":\"jsonl/train\"", "\"formatting\":\"sharegpt\"");
  }
}
