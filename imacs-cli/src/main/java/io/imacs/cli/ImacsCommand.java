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
        "Then:        imacs compare --help", "Each command has --help."})
public final class ImacsCommand implements Runnable {

    /**
     * The commands, in the order --help lists them. Added by {@link #commandLine(String...)}, not by the annotation,
     * so that a command line naming one of them builds only that one: picocli reads every option's annotations when
     * it builds a command, and building all of them took most of a cached rerun's start-up.
     */
    static final java.util.List<Class<?>> COMMANDS = java.util.List.of(CompareCommand.class, AttributeCommand.class, DemoCommand.class,
        BenchCommand.class, ServeCommand.class);

    public static final String VERSION = io.imacs.comparison.Comparison.VERSION;

    @Override public void run() { CommandLine.usage(this, System.out); }

    public static void main(String[] args) {
        STARTED.set(new Startup(System.nanoTime(), Startup.processAge()));
        int code;
        try {
            code = commandLine(args).execute(args);
        } catch (OutOfMemoryError e) { // an Error passes picocli's handler; the run's objects are unreachable by now
            System.err.println(ErrorHandler.outOfMemory(Runtime.getRuntime().maxMemory()));
            code = ErrorHandler.USER_ERROR;
        }
        System.exit(code);
    }

    /**
     * When {@code main} began ({@link System#nanoTime()}) and the seconds from the process's start until then (the
     * JVM's own start-up, NaN where the system does not say), so a command can tell a user where the time went.
     */
    record Startup(long mainNanos, double jvmSeconds) {
        double secondsSinceProcessStart() { return jvmSeconds + (System.nanoTime() - mainNanos) / 1e9; }

        /**
         * Seconds since this process started, from Linux's /proc to the hundredth of a second (the JDK's own process
         * start time is rounded to the second); NaN elsewhere. {@code ./imacs} execs Java in its own process, after any
         * build it had to make: it passes the time of the exec ({@code -Dimacs.exec.ms}), so a build is not counted.
         */
        static double processAge() {
            String exec = System.getProperty("imacs.exec.ms");
            if (exec != null && exec.matches("\\d{13}")) return Math.max(0, (System.currentTimeMillis() - Long.parseLong(exec)) / 1e3);
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
                // fields after the command name (which may hold spaces) in parentheses; starttime is field 22
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double uptime = Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime")).split(" ")[0]);
                return uptime - Long.parseLong(f[19]) / 100.0; // USER_HZ is 100 on Linux
            } catch (java.io.IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
    }

    /** Set by {@link #main}; empty when the command runs inside another program (tests). */
    static final java.util.concurrent.atomic.AtomicReference<Startup> STARTED = new java.util.concurrent.atomic.AtomicReference<>();

    /** The whole command tree. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command tree for {@code args}: when the first argument names a command, only that command (its parsing,
     * help and errors are the same as in the whole tree); otherwise all of them, for --help and for the message
     * about an unknown command.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new ImacsCommand());
        Class<?> named = args.length == 0 ? null
            : COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst().orElse(null);
        for (Class<?> c : COMMANDS) if (named == null || c == named) cl.addSubcommand(new CommandLine(c));
        if (named == null) cl.addSubcommand(CommandLine.HelpCommand.class);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setUsageHelpAutoWidth(true);
        // option errors are the user's to fix: exit 2 with the usage, as for bad input
        cl.setParameterExceptionHandler((ex, given) -> {
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
