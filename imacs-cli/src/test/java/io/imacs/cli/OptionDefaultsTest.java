package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * One option, one default (issue 13): {@code --slic-segments} was 16 in compare and 32 in attribute, and
 * {@code --segmentation} grid in one and auto in the other. Every option that several commands offer has the same
 * default in each (a required option, with no default, is not compared).
 */
class OptionDefaultsTest {
    @Test void anOptionSeveralCommandsOfferHasOneDefault() {
        Map<String, Map<String, String>> defaults = new TreeMap<>();  // option -> command -> default
        Deque<CommandLine> todo = new ArrayDeque<>(List.of(new CommandLine(new ImacsCommand())));
        while (!todo.isEmpty()) {
            CommandLine c = todo.pop();
            for (CommandLine.Model.OptionSpec o : c.getCommandSpec().options())
                if (o.defaultValue() != null) defaults.computeIfAbsent(o.longestName(), k -> new TreeMap<>()).put(c.getCommandName(), o.defaultValue());
            todo.addAll(c.getSubcommands().values());
        }
        assertTrue(defaults.getOrDefault("--clusters", Map.of()).size() >= 2, "compare and bench share the analysis options: " + defaults.get("--clusters"));
        Map<String, Map<String, String>> differing = new TreeMap<>();
        defaults.forEach((option, byCommand) -> {
            Set<String> values = new TreeSet<>(byCommand.values());
            if (values.size() > 1) differing.put(option, byCommand);
        });
        assertEquals(Map.of(), differing, "options whose default depends on the command");
    }
}
