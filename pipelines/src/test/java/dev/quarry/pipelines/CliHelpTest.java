package dev.quarry.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's {@code --help}: each option (mixins included) has a description that states its default,
 * each command lists only the options it uses, each option is declared once, and the help has no blank lines
 * between options.
 */
class CliHelpTest {

  /** Every command and subcommand, by its full name ({@code quarry bench train}), in tree order. */
  private static Map<String, CommandLine> commands() {
    Map<String, CommandLine> all = new LinkedHashMap<>();
    collect(QuarryCli.commandLine(), all);
    return all;
  }

  private static void collect(CommandLine cl, Map<String, CommandLine> into) {
    into.put(cl.getCommandSpec().qualifiedName(), cl);
    cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
  }

  /** The options a user sees: everything but the standard --help/--version and hidden options. */
  private static List<OptionSpec> visibleOptions(CommandSpec spec) {
    return spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp() && !o.hidden()).toList();
  }

  private static String description(OptionSpec o) {
    return String.join(" ", o.renderedDescription()).trim();
  }

  @Test
  void walksEveryCommand() {
    assertThat(commands().keySet()).contains("quarry", "quarry run", "quarry seed", "quarry synth", "quarry train",
        "quarry ask", "quarry eval", "quarry report", "quarry schedule", "quarry verify", "quarry bench",
        "quarry bench synth", "quarry bench train", "quarry bench scale");
  }

  @Test
  void everyOptionHasADescriptionThatStatesItsDefault() {
    Pattern mentionsDefault = Pattern.compile("\\bdefault\\b", Pattern.CASE_INSENSITIVE);
    List<String> problems = new ArrayList<>();
    commands().forEach((name, cl) -> {
      for (OptionSpec o : visibleOptions(cl.getCommandSpec())) {
        String where = name + " " + o.longestName();
        String text = description(o);
        if (text.isEmpty()) {
          problems.add(where + ": no description");
        } else if (text.contains("${")) {
          problems.add(where + ": unrendered variable in '" + text + "'");
        } else if (!mentionsDefault.matcher(text).find()) {
          problems.add(where + ": description shows no default (say e.g. '(default: none)' or, for a flag, "
              + "'(default: off)'): '" + text + "'");
        } else if (o.defaultValue() != null && !text.contains(o.defaultValue())) {
          problems.add(where + ": description does not show the default value '" + o.defaultValue()
              + "' (use ${DEFAULT-VALUE}): '" + text + "'");
        }
      }
    });
    assertThat(problems).as("options whose help is incomplete").isEmpty();
  }

  @Test
  void eachCommandListsOnlyTheOptionsItUses() {
    Map<String, CommandLine> all = commands();
    Set<String> runner = Set.of("--runner", "--parallelism", "--flink-master");
    for (String name : List.of("quarry ask", "quarry train", "quarry eval", "quarry bench train")) {
      assertThat(optionNames(all.get(name))).as(name).doesNotContainAnyElementsOf(runner);
    }
    assertThat(optionNames(all.get("quarry ask"))).as("quarry ask").doesNotContain("--force");
    assertThat(optionNames(all.get("quarry eval"))).as("quarry eval").doesNotContain("--force");
    for (String name : List.of("quarry run", "quarry seed", "quarry synth", "quarry bench synth")) {
      assertThat(optionNames(all.get(name))).as(name).containsAll(runner);
    }
    for (String name : List.of("quarry run", "quarry seed", "quarry synth", "quarry train", "quarry report")) {
      assertThat(optionNames(all.get(name))).as(name).contains("--force");
    }
    for (String name : List.of("quarry run", "quarry seed", "quarry synth", "quarry train", "quarry ask", "quarry eval")) {
      assertThat(optionNames(all.get(name))).as(name).contains("--workspace", "--domain", "--seed", "--scale");
    }
  }

  private static Set<String> optionNames(CommandLine cl) {
    Set<String> names = new TreeSet<>();
    cl.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
    return names;
  }

  /**
   * Names declared by more than one class on purpose: the benchmarks' own variants (a fixed worker count, a
   * seed without domain/scale, the trainer bench's batch and dataset) measure under other rules than a stage,
   * and {@code ask --model} (a model dir or id) is another option than {@code eval --model} (a generator spec);
   * {@code domain init --source/--name} are required, {@code run --source/--name} optional (import when missing).
   */
  private static final Map<String, Set<String>> SEPARATE_ON_PURPOSE = Map.of(
      "--model", Set.of("AskCommand", "EvalCommand"),
      "--parallelism", Set.of("RunnerOptions", "ScaleBench"),
      "--seed", Set.of("DataOptions", "ScaleBench"),
      "--samples-per-template", Set.of("SynthSettings", "ScaleBench"),
      "--batch-size", Set.of("TrainCommand", "TrainBench"),
      "--dataset", Set.of("TrainCommand", "TrainBench"),
      "--source", Set.of("DomainInitCommand", "RunCommand"),
      "--name", Set.of("DomainInitCommand", "RunCommand"));

  @Test
  void eachOptionIsDeclaredOnce() {
    Map<String, Set<String>> declaredBy = new TreeMap<>();
    commands().values().forEach(cl -> visibleOptions(cl.getCommandSpec()).forEach(o -> {
      Object member = o.userObject();
      String owner = member instanceof Member m ? m.getDeclaringClass().getSimpleName() : String.valueOf(member);
      for (String n : o.names()) {
        declaredBy.computeIfAbsent(n, k -> new TreeSet<>()).add(owner);
      }
    }));
    List<String> problems = new ArrayList<>();
    declaredBy.forEach((option, owners) -> {
      if (owners.size() > 1 && !owners.equals(SEPARATE_ON_PURPOSE.get(option))) {
        problems.add(option + " is declared in " + owners + "; declare it once (a mixin) and reuse it");
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void helpHasNoBlankLinesBetweenOptions() {
    Pattern optionLine = Pattern.compile("^  (-\\w, |    )--[\\w\\[\\]-]+.*");
    List<String> problems = new ArrayList<>();
    commands().forEach((name, cl) -> {
      List<String> lines = cl.getUsageMessage().lines().toList();
      int first = -1;
      int last = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (optionLine.matcher(lines.get(i)).matches()) {
          first = first < 0 ? i : first;
          last = i;
        }
      }
      for (int i = Math.max(first, 0); i < last; i++) {
        if (lines.get(i).isBlank()) {
          problems.add(name + ": blank line " + (i + 1) + " between options, after '" + lines.get(i - 1).trim() + "'");
        }
      }
      if (first < 0) {
        problems.add(name + ": no option lines found in:\n" + cl.getUsageMessage());
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void backendDependentDefaultsAreNamedForBothBackends() {
    CommandSpec train = commands().get("quarry train").getCommandSpec();
    for (String option : List.of("--epochs", "--lr", "--batch-size")) {
      String text = description(train.findOption(option)).toLowerCase(Locale.ROOT);
      assertThat(text).as(option).contains("for djl").contains("for command");
    }
    assertThat(description(train.findOption("--epochs"))).contains("6 for djl, 2 for command");
    assertThat(description(train.findOption("--batch-size"))).contains("64 for djl, 4 for command");
  }
}
