package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.comparison.AnalysisOption;
import io.imacs.comparison.AnalysisOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * One option, one default (issue 13): {@code --slic-segments} was 16 in compare and 32 in attribute, and
 * {@code --segmentation} grid in one and auto in the other. Every analysis flag takes its default from its
 * declaration ({@link AnalysisOptions}); no command writes one of its own; and an option several commands offer has
 * the same default in each.
 */
class OptionDefaultsTest {
    /** option -> command -> default, over imacs and all its commands. */
    static Map<String, Map<String, String>> defaults() {
        Map<String, Map<String, String>> defaults = new TreeMap<>();
        Deque<CommandLine> todo = new ArrayDeque<>(List.of(ImacsCommand.commandLine()));
        while (!todo.isEmpty()) {
            CommandLine c = todo.pop();
            for (CommandLine.Model.OptionSpec o : c.getCommandSpec().options())
                if (o.defaultValue() != null) defaults.computeIfAbsent(o.longestName(), k -> new TreeMap<>()).put(c.getCommandName(), o.defaultValue());
            todo.addAll(c.getSubcommands().values());
        }
        return defaults;
    }

    @Test void anOptionSeveralCommandsOfferHasOneDefault() {
        Map<String, Map<String, String>> defaults = defaults();
        assertEquals(Set.of("attribute", "bench", "compare", "demo"), defaults.get("--batch-size").keySet(), "the commands with analysis flags");
        Map<String, Map<String, String>> differing = new TreeMap<>();
        defaults.forEach((option, byCommand) -> {
            if (new TreeSet<>(byCommand.values()).size() > 1) differing.put(option, byCommand);
        });
        assertEquals(Map.of(), differing, "options whose default depends on the command");
    }

    @Test void everyAnalysisFlagTakesItsDeclaredDefault() {
        Map<String, Map<String, String>> defaults = defaults();
        for (AnalysisOption<?> o : AnalysisOptions.ALL) {
            if (o.isFlag() || o.defaultValue() == null) continue;
            Map<String, String> byCommand = defaults.get(OptionFlags.flag(o));
            assertNotNull(byCommand, OptionFlags.flag(o) + " is offered");
            byCommand.forEach((command, value) -> assertEquals(o.defaultText(), value, command + " " + OptionFlags.flag(o)));
        }
    }

    /** The declarations are the only place a default is written: no command's source declares an analysis flag itself. */
    @Test void noCommandWritesAnAnalysisDefaultOfItsOwn() throws IOException {
        Set<String> analysisFlags = new TreeSet<>();
        AnalysisOptions.ALL.forEach(o -> analysisFlags.add(OptionFlags.flag(o)));
        Pattern declared = Pattern.compile("names\\s*=\\s*\\{?\\s*\"(--[a-z0-9-]+)\"");
        Map<String, String> written = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = declared.matcher(Files.readString(f));
                while (m.find()) if (analysisFlags.contains(m.group(1))) written.put(m.group(1), f.getFileName().toString());
            }
        }
        assertEquals(Map.of(), written, "analysis flags declared by a command instead of bound to AnalysisOptions");
    }
}
