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
import io.imacs.comparison.AnalysisOption;
import io.imacs.comparison.AnalysisOptions;
import io.imacs.comparison.OptionException;
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
    /** An option key as core names it: {@code `clusters`}. */
    private static final Pattern KEY = Pattern.compile("`([A-Za-z][A-Za-z0-9]*)`");
    /** Command lines of other programs: Chromium's switches (figure export) and apt-get's. */
    private static final Set<String> OTHER_PROGRAMS = Set.of("FigureExporter.java");

    static Set<String> imacsFlags() {
        Set<String> names = new TreeSet<>();
        Deque<CommandLine> todo = new ArrayDeque<>(List.of(ImacsCommand.commandLine()));
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
                        boolean core = !root.toString().contains("imacs-cli");
                        Matcher m = FLAG.matcher(text);
                        while (m.find()) {
                            seen++;
                            if (core) unknown.put(m.group(), root.relativize(f) + ": a flag in a library module; name the option by key (`key`)");
                            else if (!flags.contains(m.group())) unknown.put(m.group(), root.relativize(f) + ": \"" + text + "\"");
                        }
                        Matcher k = KEY.matcher(text);
                        while (k.find()) {
                            seen++;
                            String flag = OptionFlags.flag(k.group(1));
                            if (!flags.contains(flag)) unknown.put("`" + k.group(1) + "` -> " + flag, root.relativize(f) + ": \"" + text + "\"");
                        }
                    }
                }
            }
        assertTrue(seen > 100, "flags found in messages: " + seen);
        assertEquals(new TreeMap<>(), unknown, "messages name flags no command has");
    }

    /**
     * Every validation error of every declared analysis option, as the command line shows it, names a flag that
     * {@code compare --help} lists: each option is given a value it refuses (text it cannot read, and a number below
     * its range where it has one).
     */
    @Test void everyOptionsValidationErrorNamesAFlagOfHelp() {
        String help = CliRun.of("compare", "--help").out();
        int errors = 0;
        for (AnalysisOption<?> o : AnalysisOptions.ALL) {
            for (String bad : o.isFlag() ? List.<String>of() : List.of("not-a-value", "-1")) {
                OptionException e;
                try {
                    o.parse(bad);
                    continue; // a value it takes (a seed of -1)
                } catch (OptionException refused) {
                    e = refused;
                }
                errors++;
                assertEquals(o.key(), e.key());
                String shown = OptionFlags.render(e.getMessage());
                Matcher m = FLAG.matcher(shown);
                assertTrue(m.find(), "names its flag: " + shown);
                do assertTrue(help.contains(m.group()), m.group() + " is in compare --help (" + shown + ")"); while (m.find());
                // and on the command line: exit 2, the flag and the reason, no stack trace
                CliRun run = CliRun.of("compare", "--model-a", "a.pt", "--model-b", "b.pt", "--embedder", "e.onnx", "--data", "d", "--class", "c",
                    "--out", "o", OptionFlags.flag(o) + "=" + bad);
                assertEquals(2, run.exitCode(), run.err());
                assertTrue(run.err().contains(OptionFlags.flag(o)) && !run.err().contains("Exception") && !run.err().contains("`"), run.err());
            }
        }
        assertTrue(errors >= AnalysisOptions.ALL.size(), "errors walked: " + errors);
    }
}
