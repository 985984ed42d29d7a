package io.strata.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StrataCliHelpTest {
  @Test
  void everyCommandAndSubcommandAnswersHelp() {
    List<CommandLine> commands = new ArrayList<>();
    collect(new CommandLine(new StrataCli()), commands);
    assertThat(commands).hasSizeGreaterThan(5);
    for (CommandLine command : commands) {
      List<String> args = new ArrayList<>();
      for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
        args.add(0, c.getCommandName());
      }
      args.add("--help");
      StringWriter out = new StringWriter();
      CommandLine root = new CommandLine(new StrataCli());
      root.setOut(new PrintWriter(out));
      int status = root.execute(args.toArray(String[]::new));
      assertThat(status).as("strata " + String.join(" ", args)).isZero();
      assertThat(out.toString()).as(String.join(" ", args)).contains("Usage: " + command.getCommandSpec().qualifiedName());
    }
  }

  private static void collect(CommandLine command, List<CommandLine> all) {
    all.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, all));
  }
}
