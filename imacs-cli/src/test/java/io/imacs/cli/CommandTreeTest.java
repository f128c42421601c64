package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A command line that names a command builds only that command, and that command reads as in the whole tree. */
class CommandTreeTest {
    @Test void aNamedCommandIsBuiltAloneAndReadsAsInTheWholeTree() {
        CommandLine whole = ImacsCommand.commandLine();
        assertEquals(List.of("compare", "attribute", "demo", "bench", "serve", "help"), List.copyOf(whole.getSubcommands().keySet()));
        for (String name : List.of("compare", "attribute", "demo", "bench", "serve")) {
            CommandLine alone = ImacsCommand.commandLine(name, "--help");
            assertEquals(List.of(name), List.copyOf(alone.getSubcommands().keySet()), name);
            CommandLine a = alone.getSubcommands().get(name), w = whole.getSubcommands().get(name);
            assertEquals(w.getUsageMessage(), a.getUsageMessage(), name + " --help");
            assertEquals(w.getCommandSpec().options().size(), a.getCommandSpec().options().size(), name + "'s options");
            assertSame(whole.getExecutionExceptionHandler().getClass(), a.getExecutionExceptionHandler().getClass(), name);
        }
        assertEquals(6, ImacsCommand.commandLine("help", "compare").getSubcommands().size(), "help needs them all");
        assertEquals(6, ImacsCommand.commandLine("frobnicate").getSubcommands().size(), "an unknown command is told among them all");
    }
}
