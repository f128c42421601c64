package io.imacs.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the imacs command in-process, as a user would from the shell, capturing its exit code and output. */
public record CliRun(int exitCode, String out, String err) {
    public static final Path FIXTURES = Path.of("..", "fixtures").toAbsolutePath().normalize();

    public static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            CommandLine cl = ImacsCommand.commandLine();
            cl.setOut(new PrintWriter(o, true));
            cl.setErr(new PrintWriter(e, true));
            int code = cl.execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    public static String fixture(String relative) { return FIXTURES.resolve(relative).toString(); }

    /** A copy of a fixture directory, for a test that changes its files. */
    public static void copyFixture(String relative, Path to) throws java.io.IOException {
        Path from = FIXTURES.resolve(relative);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(from)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                java.nio.file.Files.createDirectories(target.getParent());
                java.nio.file.Files.copy(f, target);
            }
        }
    }
}
