package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every flag a message names exists (issue 13): core's checks once told users about {@code --permutations},
 * {@code --segments} and {@code --gig-fraction}, none of which any command has. Walks the string literals of every
 * module's main sources and checks each {@code --flag} against the options of {@code imacs} and all its commands.
 */
class FlagsInMessagesTest {
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern FLAG = Pattern.compile("(?<![A-Za-z0-9-])--[a-z][a-z0-9-]+");
    /** Command lines of other programs: Chromium's switches (figure export) and apt-get's. */
    private static final Set<String> OTHER_PROGRAMS = Set.of("FigureExporter.java");

    static Set<String> imacsFlags() {
        Set<String> names = new TreeSet<>();
        Deque<CommandLine> todo = new ArrayDeque<>(List.of(new CommandLine(new ImacsCommand())));
        while (!todo.isEmpty()) {
            CommandLine c = todo.pop();
            c.getCommandSpec().options().forEach(o -> names.addAll(Arrays.asList(o.names())));
            todo.addAll(c.getSubcommands().values());
        }
        return names;
    }

    @Test void everyFlagAMessageNamesExists() throws IOException {
        Set<String> flags = imacsFlags();
        assertTrue(flags.containsAll(List.of("--shapley-permutations", "--slic-segments", "--model-a")), flags.toString());
        TreeMap<String, String> unknown = new TreeMap<>();
        int seen = 0;
        List<Path> roots;
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            roots = modules.filter(m -> m.getFileName().toString().startsWith("imacs-")).map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
        }
        assertTrue(roots.size() >= 5, "found the modules' sources: " + roots);
        for (Path root : roots)
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    if (OTHER_PROGRAMS.contains(f.getFileName().toString())) continue;
                    Matcher lit = LITERAL.matcher(Files.readString(f));
                    while (lit.find()) {
                        String text = lit.group(1);
                        if (text.contains("apt-get")) continue;
                        Matcher m = FLAG.matcher(text);
                        while (m.find()) {
                            seen++;
                            if (!flags.contains(m.group())) unknown.put(m.group(), root.relativize(f) + ": \"" + text + "\"");
                        }
                    }
                }
            }
        assertTrue(seen > 100, "flags found in messages: " + seen);
        assertEquals(new TreeMap<>(), unknown, "messages name flags no command has");
    }
}
