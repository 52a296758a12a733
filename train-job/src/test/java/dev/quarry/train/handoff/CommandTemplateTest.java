package dev.quarry.train.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {

  @Test
  void splitsLikeAShellWithoutExpanding() {
    assertThat(CommandTemplate.split("a  'b c' \"d \\\"e\\\" $f\" g\\ h ''"))
        .containsExactly("a", "b c", "d \"e\" $f", "g h", "");
  }

  @Test
  void substitutesPlaceholdersPerArgumentKeepingSpacesAndQuotesInOneArgument() {
    CommandTemplate t = CommandTemplate.parse("train.sh --spec={spec} {output} 'x {model_id} y'");
    List<String> argv = t.expand(Map.of("spec", "/tmp/my dir/spec.json", "output", "/o 'q' \"d\"", "model_id", "m"));
    assertThat(argv).containsExactly("train.sh", "--spec=/tmp/my dir/spec.json", "/o 'q' \"d\"", "x m y");
  }

  @Test
  void leavesShellVariablesAlone() {
    CommandTemplate t = CommandTemplate.parse("bash -c 'echo ${HOME} ${out} \"$1\"' _ {spec}");
    assertThat(t.expand(Map.of("spec", "S"))).containsExactly("bash", "-c", "echo ${HOME} ${out} \"$1\"", "_", "S");
  }

  @Test
  void rejectsUnknownPlaceholdersAndBadQuoting() {
    assertThatThrownBy(() -> CommandTemplate.parse("train {outptu}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--command").hasMessageContaining("{outptu}");
    assertThatThrownBy(() -> CommandTemplate.parse("train 'open"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> CommandTemplate.parse("   "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--command");
  }
}
