package dev.quarry.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SynthSetting} owns the synth options: the Beam options' defaults are its defaults, its check is theirs. */
class SynthSettingTest {

  @TempDir Path tmp;

  private SynthOptions options() {
    SynthOptions o = PipelineOptionsFactory.as(SynthOptions.class);
    o.setSeedDir(tmp.toString());
    o.setOutputDir(tmp.resolve("out").toString());
    return o;
  }

  @Test
  void beamDefaultsAreTheSettingsDefaults() {
    SynthOptions o = PipelineOptionsFactory.as(SynthOptions.class);
    for (SynthSetting s : SynthSetting.values()) {
      assertThat(s.read(o)).as(s.option()).isEqualTo(s.defaultValue());
    }
    SynthSetting.validate(o);
  }

  @Test
  void writeAndReadRoundTrip() {
    SynthOptions o = PipelineOptionsFactory.as(SynthOptions.class);
    SynthSetting.ROW_CAP.write(o, 7);
    SynthSetting.TRAIN_FRACTION.write(o, 0.5);
    SynthSetting.LLM_MODEL.write(o, "m");
    assertThat(o.getRowCap()).isEqualTo(7);
    assertThat(o.getTrainFraction()).isEqualTo(0.5);
    assertThat(SynthSetting.LLM_MODEL.read(o)).isEqualTo("m");
  }

  @Test
  void theOneValidationRefusesEachBadValueByName() {
    SynthOptions o = options();
    o.setRowCap(0);
    assertThatThrownBy(() -> SynthPipeline.validate(o))
        .isInstanceOf(InvalidSynthSettingException.class)
        .hasMessage("Invalid value for option '--row-cap': must be >= 1 (was 0)");
    o.setRowCap(1);
    o.setQuestionsPerSql(-1);
    assertThatThrownBy(() -> SynthPipeline.validate(o))
        .hasMessage("Invalid value for option '--questions-per-sql': must be >= 0 (was -1)");
    o.setQuestionsPerSql(0);
    o.setSpreadBuckets(0);
    assertThatThrownBy(() -> SynthPipeline.validate(o))
        .hasMessage("Invalid value for option '--spread-buckets': must be >= 1 (was 0)");
    o.setSpreadBuckets(8);
    o.setTrainFraction(1.0);
    assertThatThrownBy(() -> SynthPipeline.validate(o))
        .hasMessage("Invalid value for option '--train-fraction': must be > 0 and < 1 (was 1.0)");
    o.setTrainFraction(Double.NaN);
    assertThatThrownBy(() -> SynthPipeline.validate(o)).hasMessageContaining("'--train-fraction'");
    o.setTrainFraction(0.9);
    o.setValidationFraction(0.2);
    assertThatThrownBy(() -> SynthPipeline.validate(o))
        .isInstanceOfSatisfying(InvalidSynthSettingException.class, e -> assertThat(e.settings())
            .containsExactly(SynthSetting.TRAIN_FRACTION, SynthSetting.VALIDATION_FRACTION))
        .hasMessageContaining("'--train-fraction'/'--validation-fraction'")
        .hasMessageContaining("train + validation <= 1 (was train 0.9, validation 0.2)");
    o.setValidationFraction(0.1);
    o.setRephraser("gpt");
    assertThatThrownBy(() -> SynthPipeline.validate(o))
        .hasMessage("Invalid value for option '--rephraser': gpt (expected rules or llm)");
    o.setRephraser("llm");
    assertThatThrownBy(() -> SynthPipeline.validate(o))
        .hasMessage("Option '--rephraser llm' needs '--llm-base-url' and '--llm-model'");
    o.setRephraser("rules");
    o.setSelfTrainingModel("djl:x");
    assertThatThrownBy(() -> SynthPipeline.validate(o))
        .hasMessage("Option '--self-training-model' filters LLM rephrasings: it needs '--rephraser llm'");
  }

  @Test
  void checkNamesOnlyTheProblemInProblem() {
    assertThatThrownBy(() -> SynthSetting.FAIL_AFTER_CANDIDATES.check(-1))
        .isInstanceOfSatisfying(InvalidSynthSettingException.class, e -> {
          assertThat(e.problem()).isEqualTo("must be >= 0 (was -1)");
          assertThat(e.settings()).containsExactly(SynthSetting.FAIL_AFTER_CANDIDATES);
        });
  }

  @Test
  void missingDirectoriesAreStillNamedFirst() {
    SynthOptions o = PipelineOptionsFactory.as(SynthOptions.class);
    o.setRowCap(0);
    assertThatThrownBy(() -> SynthPipeline.validate(o)).hasMessage("synth needs --outputDir and --seedDir");
  }
}
