package dev.quarry.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.train.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesConfigTest {

  @Test
  void configRoundTripsAndAConfigWrittenBeforeQuestionFeaturesReadsAsNone(@TempDir Path tmp) throws Exception {
    ModelConfig c = ModelConfig.defaults().withVocabSize(99);
    ModelFiles.writeConfig(tmp, c, "education");
    assertThat(ModelFiles.readConfig(tmp).model()).isEqualTo(c);
    assertThat(c.questionFeatures()).isEqualTo(ModelConfig.PRETRAINED_FEATURES);

    Files.writeString(tmp.resolve(ModelFiles.CONFIG), """
        {"model": {"dModel": 32, "layers": 1, "heads": 2, "ffn": 64, "dropout": 0.1, "maxQuestion": 8,
                   "maxSql": 9, "vocabSize": 40},
         "domain": "education"}""");
    ModelFiles.StoredConfig old = ModelFiles.readConfig(tmp);
    assertThat(old.model().questionFeatures()).isZero();
    assertThat(old.model().vocabSize()).isEqualTo(40);
  }
}
