package io.imacs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code imacs} command and its subcommands. */
@Command(name = "imacs", mixinStandardHelpOptions = true, versionProvider = ImacsCommand.Version.class,
    description = {
        "IMACS: Image Model Attribution Comparison Summaries.",
        "",
        "Shows, across a whole evaluation set, which visual features two image classifiers rely on for a class and where they differ "
            + "(Schoop et al., arXiv 2201.11196).", ""},
    footer = {"", "Start with:  imacs demo             (the paper's watermark study, offline)",
        "Then:        imacs compare --help", "Each command has --help."},
    subcommands = {CompareCommand.class, AttributeCommand.class, DemoCommand.class, BenchCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class ImacsCommand implements Runnable {

    public static final String VERSION = io.imacs.comparison.Comparison.VERSION;

    @Override public void run() { CommandLine.usage(this, System.out); }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) { // an Error passes picocli's handler; the run's objects are unreachable by now
            System.err.println(ErrorHandler.outOfMemory(Runtime.getRuntime().maxMemory()));
            code = ErrorHandler.USER_ERROR;
        }
        System.exit(code);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ImacsCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setUsageHelpAutoWidth(true);
        // option errors are the user's to fix: exit 2 with the usage, as for bad input
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("imacs: error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            return ErrorHandler.USER_ERROR;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() { return new String[] {"imacs " + VERSION}; }
    }
}
