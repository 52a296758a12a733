package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.synth.SynthOptions;
import dev.quarry.synth.SynthPipeline;
import dev.quarry.synth.SynthSetting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The synth options have one owner ({@link SynthSetting}): the command line ({@link SynthSettings}) and the Beam
 * options ({@link SynthOptions}) have the same defaults and refuse a bad value with the same message.
 */
class SynthSettingsTest {

  @TempDir Path tmp;

  @Test
  void eachDefaultIsTheSameOnTheCommandLineAndInTheBeamOptions() {
    SynthOptions beam = PipelineOptionsFactory.as(SynthOptions.class);
    Map<SynthSetting, Object> cli = SynthSettings.parse().values();
    assertThat(cli.keySet()).containsExactlyElementsOf(
        java.util.EnumSet.complementOf(java.util.EnumSet.of(SynthSetting.SPREAD_BUCKETS)));
    cli.forEach((s, value) -> {
      assertThat(value).as("--" + s.option() + " on the command line").isEqualTo(s.defaultValue());
      assertThat(s.read(beam)).as(s.option() + " in SynthOptions").isEqualTo(s.defaultValue());
    });
    // and what the command line copies into the Beam options is what they hold by default
    SynthOptions copied = PipelineOptionsFactory.as(SynthOptions.class);
    SynthSettings.parse().applyTo(copied);
    for (SynthSetting s : SynthSetting.values()) {
      assertThat(s.read(copied)).as(s.option()).isEqualTo(s.read(beam));
    }
  }

  @Test
  void theHelpShowsTheOwnersDefaults() {
    CommandLine.Model.CommandSpec spec = QuarryCli.commandLine().getSubcommands().get("synth").getCommandSpec();
    assertThat(spec.findOption("--row-cap").defaultValue()).isEqualTo("1000");
    assertThat(spec.findOption("--train-fraction").defaultValue()).isEqualTo("0.8");
    assertThat(spec.findOption("--query-timeout").description()[0]).startsWith(SynthSetting.Meaning.QUERY_TIMEOUT);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--row-cap|0|Invalid value for option '--row-cap': must be >= 1 (was 0)",
      "--query-timeout|0|Invalid value for option '--query-timeout': must be >= 1 (was 0)",
      "--samples-per-template|-1|Invalid value for option '--samples-per-template': must be >= 0 (was -1)",
      "--pairs-per-shard|0|Invalid value for option '--pairs-per-shard': must be >= 1 (was 0)",
      "--validation-fraction|-0.1|Invalid value for option '--validation-fraction': must be >= 0 and < 1 (was -0.1)",
      "--rephraser|gpt|Invalid value for option '--rephraser': gpt (expected rules or llm)",
      "--self-training-model|djl:m|Option '--self-training-model' filters LLM rephrasings: it needs '--rephraser llm'"})
  void anInvalidValueGetsTheSameMessageFromBothPaths(String option, String value, String message) {
    SynthSettings cli = SynthSettings.parse(option, value);
    assertThatThrownBy(cli::validate).isInstanceOf(CommandLine.ParameterException.class).hasMessage(message);

    SynthOptions beam = PipelineOptionsFactory.as(SynthOptions.class);
    beam.setSeedDir(tmp.toString());
    beam.setOutputDir(tmp.resolve("out").toString());
    cli.applyTo(beam);
    assertThatThrownBy(() -> SynthPipeline.validate(beam)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void theCommandLineRefusesItBeforeAnyWorkWithTheUsageExitCode() {
    ConsoleCapture.Captured run = ConsoleCapture.run(
        () -> QuarryCli.execute("synth", "--workspace", tmp.toString(), "--row-cap", "0"));
    assertThat(run.exitCode()).isEqualTo(QuarryCli.EXIT_USAGE);
    assertThat(run.stderr()).contains("Invalid value for option '--row-cap': must be >= 1 (was 0)");
    assertThat(tmp.resolve("seed")).doesNotExist();
  }

  @Test
  void theManifestOptionsAreUnchanged() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("samples-per-template", 0);
    expected.put("questions-per-sql", 0);
    expected.put("query-timeout", 5);
    expected.put("row-cap", 1000);
    expected.put("keep-empty", false);
    expected.put("train-fraction", 0.8);
    expected.put("validation-fraction", 0.1);
    expected.put("pairs-per-shard", 10000);
    expected.put("rephraser", "rules");
    assertThat(SynthSettings.defaults().asMap()).containsExactlyEntriesOf(expected);

    SynthSettings llm = SynthSettings.parse("--rephraser", "llm", "--llm-base-url", "http://h/v1", "--llm-model", "m",
        "--fail-after-candidates", "3");
    llm.validate();
    Map<String, Object> withLlm = new LinkedHashMap<>(expected);
    withLlm.put("rephraser", "llm");
    withLlm.put("llm-base-url", "http://h/v1");
    withLlm.put("llm-model", "m");
    withLlm.put("llm-api-key-env", "OPENAI_API_KEY");
    assertThat(llm.asMap()).containsExactlyEntriesOf(withLlm);
    SynthSettings selfTraining = SynthSettings.parse("--rephraser", "llm", "--llm-base-url", "u", "--llm-model", "m",
        "--self-training-model", "djl:x");
    assertThat(selfTraining.asMap()).containsEntry("self-training-model", "djl:x").hasSize(withLlm.size() + 1);
  }
}
