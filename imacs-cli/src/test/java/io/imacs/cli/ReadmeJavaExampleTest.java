package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use IMACS from Java" example compiles and runs (issue 13): the Java block of that section is
 * compiled against the build's class path and its {@code main} run on the fixtures, with paths made absolute.
 */
class ReadmeJavaExampleTest {
    static String example() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Use IMACS from Java");
        assertTrue(section >= 0, "README has the section 'Use IMACS from Java'");
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(section), "the section has a ```java block");
        return block.group(1);
    }

    @Test void theReadmesJavaExampleCompilesAndRuns(@TempDir Path tmp) throws Exception {
        String code = example();
        Matcher cls = Pattern.compile("public class (\\w+)").matcher(code);
        assertTrue(cls.find(), "the example is a public class with a main method");
        assertTrue(code.lines().count() <= 30, "the example stays short: " + code.lines().count() + " lines");
        Path out = tmp.resolve("runs-java");
        String runnable = code.replace("\"fixtures/", "\"" + CliRun.FIXTURES.toString().replace('\\', '/') + "/")
            .replace("\"runs/java\"", "\"" + out.toString().replace('\\', '/') + "\"");
        Path src = tmp.resolve("src").resolve(cls.group(1) + ".java"), classes = tmp.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, runnable);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, null, diagnostics, "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), src.toString());
        assertEquals(0, rc, "javac: " + diagnostics.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
             PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            loader.loadClass(cls.group(1)).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(old);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertFalse(lines.isEmpty(), "the example prints");
        assertTrue(lines.get(0).matches("\\d+ segments in 3 clusters"), lines.get(0));
        assertTrue(Files.isDirectory(out), "the comparison wrote under its output directory");
    }
}
