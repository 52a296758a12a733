package dev.quarry.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.domain.DomainLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option validation and generator lookup (no pipeline runs here). */
class SeedPipelineTest {

  @TempDir Path dir;

  private SeedOptions options() {
    SeedOptions o = PipelineOptionsFactory.as(SeedOptions.class);
    o.setOutputDir(dir.toString());
    return o;
  }

  @Test
  void defaultsAreSeed42ScaleOneEducation() {
    SeedOptions o = PipelineOptionsFactory.as(SeedOptions.class);
    assertThat(o.getSeed()).isEqualTo(42);
    assertThat(o.getScale()).isEqualTo(1);
    assertThat(o.getDomain()).isEqualTo("education");
  }

  @Test
  void rejectsScaleBelowOneNamingTheOption() {
    SeedOptions o = options();
    o.setScale(0);
    assertThatThrownBy(() -> SeedPipeline.run(o)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
  }

  @Test
  void rejectsMissingOutputDir() {
    SeedOptions o = options();
    o.setOutputDir(" ");
    assertThatThrownBy(() -> SeedPipeline.run(o)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outputDir");
  }

  @Test
  void rejectsUnknownDomain() {
    SeedOptions o = options();
    o.setDomain("no-such-domain");
    assertThatThrownBy(() -> SeedPipeline.run(o)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("domain").hasMessageContaining("no-such-domain");
  }

  @Test
  void rejectsDomainNamingAnUnknownGenerator() throws Exception {
    ObjectMapper m = new ObjectMapper();
    ObjectNode json = (ObjectNode) m.readTree(DomainLoader.rawBytes("education"));
    json.put("generator", "retail");
    Path file = dir.resolve("retail.json");
    Files.write(file, m.writeValueAsBytes(json));
    SeedOptions o = options();
    o.setOutputDir(dir.resolve("out").toString());
    o.setDomain(file.toString());
    assertThatThrownBy(() -> SeedPipeline.run(o)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown seed generator 'retail'").hasMessageContaining("education");
  }

  @Test
  void rejectsOutputDirThatAlreadyHoldsSeedFiles() throws Exception {
    Path existing = dir.resolve("students").resolve("part-00000-of-00001.parquet");
    Files.createDirectories(existing.getParent());
    Files.write(existing, new byte[] {1});
    assertThatThrownBy(() -> SeedPipeline.run(options())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outputDir");
  }

  @Test
  void registryFindsEducationAndRejectsUnknownIds() {
    assertThat(SeedGenerators.get("education").id()).isEqualTo("education");
    assertThat(SeedGenerators.forDomain(DomainLoader.load("education")).id()).isEqualTo("education");
    assertThatThrownBy(() -> SeedGenerators.get("nope")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope").hasMessageContaining("[education]");
  }
}
