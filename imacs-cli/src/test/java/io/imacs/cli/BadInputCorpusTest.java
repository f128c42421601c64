package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.comparison.AnalysisOption;
import io.imacs.comparison.AnalysisOptions;
import io.imacs.fixtures.BadImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14: the committed bad-input corpus, {@code src/test/resources/bad-inputs/corpus.txt}. Each row is a command
 * line as a user types it, the exit code it must give and words its message must contain; this runs every row
 * in-process and also checks that nothing prints a stack trace, an "internal error" or an exception's name.
 * The file's header says how to write a row.
 */
class BadInputCorpusTest {
    static final String CORPUS = "/bad-inputs/corpus.txt";

    @TempDir Path tmp;

    /** One row: {@code line} is where it starts in the corpus file. */
    record Case(String name, int exit, String where, List<String> words, String command, List<String> files, int line) {
        @Override public String toString() { return name; }
    }

    static List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        String text;
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream(CORPUS)) {
            assertNotNull(in, CORPUS + " is on the test class path");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int start = i + 1;
            StringBuilder row = new StringBuilder(lines[i].stripLeading());
            while (row.toString().stripTrailing().endsWith("\\") && i + 1 < lines.length) {
                String r = row.toString().stripTrailing();
                row.setLength(0);
                row.append(r, 0, r.length() - 1).append(' ').append(lines[++i].strip());
            }
            String[] c = row.toString().strip().split(" \\| ", -1);
            assertTrue(c.length == 5 || c.length == 6, CORPUS + " line " + start + ": 5 or 6 columns separated by ' | ', got " + c.length);
            cases.add(new Case(c[0].strip(), Integer.parseInt(c[1].strip()), c[2].strip(), split(c[3]), c[4].strip(),
                c.length == 6 ? split(c[5]) : List.of(), start));
        }
        return cases;
    }

    private static List<String> split(String column) {
        return Stream.of(column.split(" ; ")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static Stream<Arguments> cases() throws IOException { return corpus().stream().map(c -> Arguments.of(c.name(), c)); }

    @ParameterizedTest(name = "{0}") @MethodSource("cases") @Timeout(180)
    void answersWithOneClearMessage(String name, Case c) throws Exception {
        for (String f : c.files()) write(f);
        if (c.command().contains("{ro}")) {
            Path ro = Files.createDirectories(tmp.resolve("ro"));
            assertTrue(ro.toFile().setWritable(false, false), "cannot make " + ro + " read-only");
            Assumptions.assumeFalse(Files.isWritable(ro), "running as root: every directory is writable");
        }
        try (ServerSocket busy = c.command().contains("{busy-port}") ? new ServerSocket(0, 1, InetAddress.getLoopbackAddress()) : null;
             OutputLock held = c.command().contains("{locked}") ? OutputLock.acquire(Files.createDirectories(tmp.resolve("locked"))) : null) {
            Map<String, String> values = placeholders(busy == null ? -1 : busy.getLocalPort());
            List<String> args = new ArrayList<>();
            for (String token : tokens(c.command()))
                if (token.equals("{fast}")) for (String t : tokens(values.get("{fast}"))) args.add(expand(t, values));
                else args.add(expand(token, values));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            String where = "'" + c.name() + "' (corpus line " + c.line() + "): imacs " + String.join(" ", args) + "\n--- exit " + r.exitCode()
                + "\n--- stdout:\n" + r.out() + "\n--- stderr:\n" + r.err();
            assertEquals(c.exit(), r.exitCode(), where);
            String stream = switch (c.where()) {
                case "err" -> r.err();
                case "out" -> r.out();
                default -> throw new AssertionError("corpus line " + c.line() + ": where is err or out, not " + c.where());
            };
            for (String w : c.words()) assertTrue(stream.contains(expand(w, values)), "'" + expand(w, values) + "' not in std" + c.where() + ": " + where);
            switch (c.exit()) {
                case 2 -> assertTrue(r.err().lines().anyMatch(l -> l.startsWith("imacs: error: ")), "one 'imacs: error: ' line: " + where);
                case 3 -> assertTrue(r.err().lines().anyMatch(l -> l.startsWith("imacs: I/O error: ")), "one 'imacs: I/O error: ' line: " + where);
                case 0 -> {
                    assertFalse(r.err().contains("imacs: error"), where);
                    if (c.where().equals("err")) assertTrue(r.err().contains("imacs: warning: "), "a warning: " + where);
                }
                default -> fail("corpus line " + c.line() + ": exit is 0, 2 or 3, not " + c.exit());
            }
            for (String output : List.of(r.out(), r.err())) {
                assertFalse(output.contains("\tat "), "no stack trace: " + where);
                assertFalse(output.contains("internal error"), "no internal error: " + where);
                assertFalse(output.contains("Exception"), "no exception's name: " + where);
            }
        }
    }

    /** Every analysis option that takes a value has a row giving it a value it refuses, named in the message. */
    @Test void everyAnalysisOptionHasARowWithAValueItRefuses() throws IOException {
        List<Case> cases = corpus();
        List<String> missing = new ArrayList<>();
        for (AnalysisOption<?> o : AnalysisOptions.ALL) {
            if (o.isFlag()) continue;
            String flag = OptionFlags.flag(o);
            if (cases.stream().noneMatch(c -> c.exit() == 2 && c.command().matches(".*" + flag + "[ =].*") && c.words().stream().anyMatch(w -> w.contains(flag))))
                missing.add(flag);
        }
        assertEquals(List.of(), missing, "analysis options without a refused value in " + CORPUS);
    }

    @Test void theCorpusHasSixtyRowsOrMoreWithUniqueNames() throws IOException {
        List<Case> cases = corpus();
        assertTrue(cases.size() >= 60, "rows: " + cases.size());
        Set<String> names = new HashSet<>();
        for (Case c : cases) assertTrue(names.add(c.name()), "corpus line " + c.line() + ": the name '" + c.name() + "' is taken");
        for (Case c : cases) assertFalse(c.words().isEmpty(), "corpus line " + c.line() + ": no expected words");
    }

    private Map<String, String> placeholders(int busyPort) {
        String fx = CliRun.FIXTURES.toString();
        return Map.ofEntries(Map.entry("{fx}", fx), Map.entry("{tmp}", tmp.toString()), Map.entry("{A}", fx + "/models/classifier_a.onnx"),
            Map.entry("{B}", fx + "/models/classifier_b.onnx"), Map.entry("{E}", fx + "/models/embedder.onnx"),
            Map.entry("{data}", fx + "/data/labels.csv"), Map.entry("{img}", fx + "/data/circle/circle_000.png"),
            Map.entry("{fast}", "--out {tmp}/out --images-per-model 8 --segments-per-image 2 --clusters 2 --no-report --no-cache"),
            Map.entry("{busy-port}", String.valueOf(busyPort)), Map.entry("{ro}", tmp.resolve("ro").toString()),
            Map.entry("{locked}", tmp.resolve("locked").toString()), Map.entry("{pid}", String.valueOf(ProcessHandle.current().pid())));
    }

    private static String expand(String s, Map<String, String> values) {
        for (var e : values.entrySet()) s = s.replace(e.getKey(), e.getValue());
        return s;
    }

    /** A command line split at spaces; '...' keeps spaces in one argument. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        boolean quoted = false, any = false;
        for (char ch : line.toCharArray()) {
            if (ch == '\'') { quoted = !quoted; any = true; }
            else if (Character.isWhitespace(ch) && !quoted) {
                if (any) out.add(t.toString());
                t.setLength(0);
                any = false;
            } else { t.append(ch); any = true; }
        }
        if (any) out.add(t.toString());
        return out;
    }

    /**
     * Writes one files entry under the case's directory: NAME=CONTENT, NAME=@FIXTURE, NAME/ or NAME->TARGET (a
     * symbolic link). A NAME with \xFF in it is made through the shell, as Java cannot name a file that way.
     */
    private void write(String entry) throws Exception {
        int arrow = entry.indexOf("->"), eq = entry.indexOf('=');
        if (arrow > 0 && (eq < 0 || arrow < eq)) {
            Path link = tmp.resolve(entry.substring(0, arrow));
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(expand(entry.substring(arrow + 2), placeholders(-1))));
            return;
        }
        int ff = entry.indexOf("\\xFF");
        if (ff > 0 && ff < eq) {
            Path name = tmp.resolve(entry.substring(0, ff));
            Path made = BadImages.nonUtf8Name(name.getParent(), name.getFileName().toString(), entry.substring(ff + 4, eq),
                CliRun.FIXTURES.resolve(entry.substring(eq + 2)));
            Assumptions.assumeTrue(made != null, "this system cannot make a file whose name is not valid UTF-8");
            return;
        }
        if (eq < 0) {
            assertTrue(entry.endsWith("/"), "a files entry is NAME=CONTENT, NAME=@PATH or NAME/: " + entry);
            Files.createDirectories(tmp.resolve(entry));
            return;
        }
        Path to = tmp.resolve(entry.substring(0, eq));
        String value = entry.substring(eq + 1);
        if (value.startsWith("@")) {
            Path from = CliRun.FIXTURES.resolve(value.substring(1));
            try (Stream<Path> all = Files.walk(from)) {
                for (Path f : all.filter(Files::isRegularFile).toList()) {
                    Path target = Files.isDirectory(from) ? to.resolve(from.relativize(f).toString()) : to;
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                }
            }
            return;
        }
        Files.createDirectories(to.getParent());
        Files.write(to, unescape(expand(value, placeholders(-1))));
    }

    /** Text with \n, \t, \\ and \xHH (one raw byte) as bytes; the rest in UTF-8. */
    static byte[] unescape(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != '\\' || i + 1 == s.length()) { text.append(ch); continue; }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> text.append('\n');
                case 't' -> text.append('\t');
                case '\\' -> text.append('\\');
                case 'x' -> {
                    b.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
                    text.setLength(0);
                    b.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + n + " in " + s);
            }
        }
        b.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }
}
